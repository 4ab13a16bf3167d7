using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Client;

/// <summary>Bearer tokens and TLS (CA pinning, client certificates) against a real Kestrel HTTPS server.</summary>
public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.Pki>
{
    private readonly TestCertificates certificates;

    public AuthenticationTests(Pki pki) => certificates = pki.Certificates;

    [Fact]
    public async Task Bearer_token_is_sent_and_accepted()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { AcceptBearerToken = t => t == "s3cret" });
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = "s3cret" });

        var list = await client.ListAsync<V1Pod>("default");

        Assert.Empty(list.Items);
        Assert.Equal("Bearer s3cret", server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task A_wrong_token_is_retried_once_then_reported_as_Unauthorized()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { AcceptBearerToken = t => t == "s3cret" });
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = "wrong" });

        await Assert.ThrowsAsync<UnauthorizedException>(() => client.ListAsync<V1Pod>("default"));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_rotated_token_file_is_reread_after_a_401()
    {
        var dir = Directory.CreateTempSubdirectory("kube-token-");
        try
        {
            var tokenFile = Path.Combine(dir.FullName, "token");
            await File.WriteAllTextAsync(tokenFile, "old-token\n");
            var accepted = "old-token";
            await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { AcceptBearerToken = t => t == accepted });
            using var client = new KubernetesClient(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), TokenFile = tokenFile });
            await client.ListAsync<V1Pod>("default");

            // The kubelet rotates the token and the server stops accepting the old one.
            await File.WriteAllTextAsync(tokenFile, "new-token\n");
            accepted = "new-token";
            await client.ListAsync<V1Pod>("default");

            Assert.Equal(["Bearer old-token", "Bearer old-token", "Bearer new-token"], server.Requests.Select(r => r.Authorization));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Https_with_the_kubeconfig_CA_and_a_client_certificate_succeeds()
    {
        await using var server = await StartMutualTlsServerAsync();
        using var client = new KubernetesClient(new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            SslCaCerts = new X509Certificate2Collection(certificates.Ca),
            ClientCertificatePem = certificates.ClientCertificatePem,
            ClientKeyPem = certificates.ClientKeyPem,
        });

        await client.ListAsync<V1Pod>("default");

        Assert.Equal("CN=operator, O=system:masters", server.Requests.Single().ClientCertificateSubject);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_rejected()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { ServerCertificate = certificates.Server });
        using var client = new KubernetesClient(new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            SslCaCerts = new X509Certificate2Collection(certificates.OtherCa),
        });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.ListAsync<V1Pod>("default"));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Skip_tls_verify_accepts_an_untrusted_server()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { ServerCertificate = certificates.Server });
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), SkipTlsVerify = true });

        await client.ListAsync<V1Pod>("default");

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_mutual_tls_server_refuses_the_handshake()
    {
        await using var server = await StartMutualTlsServerAsync();
        using var client = new KubernetesClient(new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            SslCaCerts = new X509Certificate2Collection(certificates.Ca),
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ListAsync<V1Pod>("default"));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Tls_server_name_verifies_a_certificate_issued_for_another_name()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { ServerCertificate = certificates.ServerForServiceNameOnly });
        var configuration = new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(),
            SslCaCerts = new X509Certificate2Collection(certificates.Ca),
        };
        using (var withoutName = new KubernetesClient(configuration))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => withoutName.ListAsync<V1Pod>("default"));
        }

        configuration.TlsServerName = "kubernetes.default.svc";
        using var withName = new KubernetesClient(configuration);
        await withName.ListAsync<V1Pod>("default");
        Assert.Single(server.Requests);
    }

    private Task<FakeApiServer> StartMutualTlsServerAsync()
        => FakeApiServer.StartAsync(new FakeApiServerOptions
        {
            ServerCertificate = certificates.Server,
            ClientCertificateAuthority = certificates.Ca,
        });

    /// <summary>Generating RSA keys is slow; one PKI serves the whole class.</summary>
    public sealed class Pki : IDisposable
    {
        public TestCertificates Certificates { get; } = TestCertificates.Create();

        public void Dispose() => Certificates.Dispose();
    }
}
