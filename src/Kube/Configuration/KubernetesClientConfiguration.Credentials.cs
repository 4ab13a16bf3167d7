using System.Security.Cryptography.X509Certificates;
using System.Text;
using VisitCounter.Kube.Configuration;

namespace VisitCounter.Kube.Client;

public sealed partial class KubernetesClientConfiguration
{
    /// <summary>
    /// The credential source this configuration describes: an exec plugin, a rotating token file, or
    /// static token / client certificate / basic auth (in that order of precedence for the token).
    /// </summary>
    /// <exception cref="KubeconfigException">The client certificate PEM is invalid.</exception>
    public ICredentialProvider CreateCredentialProvider(TimeProvider? timeProvider = null)
    {
        var certificate = LoadClientCertificate();
        if (ExecProvider is not null && AccessToken is null)
        {
            return new ExecCredentialProvider(ExecProvider, certificate, timeProvider);
        }

        if (!string.IsNullOrEmpty(TokenFile) && AccessToken is null)
        {
            return new TokenFileCredentialProvider(TokenFile, certificate, timeProvider);
        }

        string? basic = null;
        if (!string.IsNullOrEmpty(Username) && AccessToken is null)
        {
            basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        }

        return new StaticCredentialProvider(new KubernetesCredentials(AccessToken, certificate, basic));
    }

    /// <summary>The client certificate with its key, or null when none is configured.</summary>
    /// <exception cref="KubeconfigException">The PEM is invalid or only one of certificate and key is set.</exception>
    public X509Certificate2? LoadClientCertificate()
    {
        if (ClientCertificatePem is null && ClientKeyPem is null)
        {
            return null;
        }

        if (ClientCertificatePem is null || ClientKeyPem is null)
        {
            throw new KubeconfigException("Set both the client certificate and its key, or neither.");
        }

        return ClientCertificates.FromPem(ClientCertificatePem, ClientKeyPem, $"context '{CurrentContext ?? "(none)"}'");
    }
}
