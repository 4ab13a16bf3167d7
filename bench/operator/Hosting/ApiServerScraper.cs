using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using VisitCounter.Bench.OperatorScale.Requests;
using VisitCounter.LocalCluster.ApiServer.Hosting;

namespace VisitCounter.Bench.OperatorScale.Hosting;

/// <summary>
/// Scrapes the API server's <c>/metrics</c> over HTTP(S) with its bearer token, as Prometheus would, and reads the
/// request counts. The scrapes themselves are counted by the server, and left out by <see cref="RequestCounts.Parse"/>.
/// </summary>
public sealed class ApiServerScraper : IDisposable
{
    private readonly HttpClient http;
    private readonly X509Certificate2? ca;

    /// <summary>A scraper of <paramref name="server"/>, trusting its CA only.</summary>
    public ApiServerScraper(LocalApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var handler = new SocketsHttpHandler();
        if (server.CaCertificatePem is { } pem)
        {
            var authority = X509Certificate2.CreateFromPem(pem);
            ca = authority;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is X509Certificate2 leaf && IsIssuedBy(leaf, authority));
        }

        http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (server.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The request counts now.</summary>
    public async Task<RequestCounts> ScrapeAsync(CancellationToken cancellationToken) =>
        RequestCounts.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken));

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        ca?.Dispose();
    }

    private static bool IsIssuedBy(X509Certificate2 leaf, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
