using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VisitCounter.Kube.Client;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> for a configuration: server verification against the
/// kubeconfig's CA (not the system store), optional skip-verify, and a client certificate chosen at
/// handshake time so certificates from an exec plugin can change over the process lifetime.
/// </summary>
internal static class KubernetesHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubernetesClientConfiguration configuration, Func<X509Certificate2?> currentClientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
        };
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => currentClientCertificate()!;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors)
            => ValidateServerCertificate(configuration, certificate as X509Certificate2, errors);
        return handler;
    }

    internal static bool ValidateServerCertificate(KubernetesClientConfiguration configuration, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (configuration.SkipTlsVerify)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            && (configuration.TlsServerName is not { Length: > 0 } serverName || !certificate.MatchesHostname(serverName)))
        {
            return false;
        }

        if (configuration.SslCaCerts is not { Count: > 0 } roots)
        {
            return !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        }

        // Trust exactly the kubeconfig's CA bundle, as kubectl does; the system store does not apply.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }
}
