using System.Security.Cryptography.X509Certificates;

namespace VisitCounter.Kube.Tests.TestServers;

/// <summary>How the fake API server listens and whom it lets in.</summary>
public sealed record FakeApiServerOptions
{
    /// <summary>When set, every request must carry <c>Authorization: Bearer</c> with this token, else 401.</summary>
    public Func<string?, bool>? AcceptBearerToken { get; init; }

    /// <summary>When set, the server speaks HTTPS with this certificate.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>When set (HTTPS only), a client certificate issued by this CA is required for the TLS handshake.</summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }
}
