namespace VisitCounter.Kube.Configuration;

/// <summary>Credentials fixed at start-up (token or client certificate from the kubeconfig).</summary>
public sealed class StaticCredentialProvider(KubernetesCredentials credentials) : ICredentialProvider
{
    /// <inheritdoc />
    public ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken ct) => ValueTask.FromResult(credentials);

    /// <inheritdoc />
    public void Invalidate()
    {
        // Nothing to refresh: a rejected static credential stays rejected.
    }
}
