using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>The kubeconfig the server writes is all a client needs; a wrong token or an untrusted server is refused.</summary>
public sealed class AuthenticationTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task The_kubeconfig_carries_server_CA_and_token()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath);

        Assert.StartsWith("https://127.0.0.1:", configuration.Host, StringComparison.Ordinal);
        Assert.Equal(cluster.Server.Token, configuration.AccessToken);
        Assert.False(configuration.SkipTlsVerify);
        using var client = new KubernetesClient(configuration);
        Assert.NotNull(await client.GetAsync<V1Namespace>("default"));
    }

    [Fact]
    public async Task A_wrong_token_is_Unauthorized()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath);
        configuration.AccessToken = "not-the-token";
        using var client = new KubernetesClient(configuration);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => client.GetAsync<V1Namespace>("default"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_not_trusted()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=someone-else-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        configuration.SslCaCerts = [X509CertificateLoader.LoadCertificate(otherCa.RawData)];
        using var client = new KubernetesClient(configuration);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync<V1Namespace>("default"));
    }
}
