using System.Security.Cryptography.X509Certificates;

namespace VisitCounter.Kube.Configuration;

/// <summary>Credentials for one request: a bearer token and/or a client certificate (or basic auth).</summary>
public sealed record KubernetesCredentials(string? BearerToken, X509Certificate2? ClientCertificate, string? BasicAuth = null)
{
    /// <summary>No credentials at all (anonymous, or plain-HTTP local servers).</summary>
    public static KubernetesCredentials None { get; } = new(null, null);
}

/// <summary>
/// Supplies credentials before each request. Implementations cache (token files, exec plugins) so the
/// call is cheap; <see cref="Invalidate"/> drops the cache after the server answered 401.
/// </summary>
public interface ICredentialProvider
{
    /// <summary>The credentials to use now.</summary>
    ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken ct);

    /// <summary>Forget cached credentials so the next call fetches fresh ones.</summary>
    void Invalidate();
}
