using System.Security.Cryptography.X509Certificates;

namespace VisitCounter.Kube.Configuration;

/// <summary>
/// A bearer token read from a file that the kubelet rotates (projected service-account tokens expire
/// after an hour). The file is re-read at most once per <c>refreshInterval</c> so a busy client does
/// not hit the disk on every request, yet picks up a rotated token within a minute.
/// </summary>
public sealed class TokenFileCredentialProvider : ICredentialProvider
{
    /// <summary>How often client-go re-reads a token file; we use the same.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly string path;
    private readonly X509Certificate2? clientCertificate;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan refreshInterval;
    private readonly SemaphoreSlim gate = new(1, 1);
    private KubernetesCredentials? cached;
    private DateTimeOffset readAt;

    /// <summary>Creates the provider; nothing is read until the first request.</summary>
    public TokenFileCredentialProvider(string path, X509Certificate2? clientCertificate = null, TimeProvider? timeProvider = null, TimeSpan? refreshInterval = null)
    {
        this.path = path;
        this.clientCertificate = clientCertificate;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.refreshInterval = refreshInterval ?? DefaultRefreshInterval;
    }

    /// <inheritdoc />
    public async ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        if (Volatile.Read(ref cached) is { } fresh && now - readAt < refreshInterval)
        {
            return fresh;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } other && now - readAt < refreshInterval)
            {
                return other;
            }

            string token;
            try
            {
                token = (await File.ReadAllTextAsync(path, ct)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A rotation in progress can briefly hide the file; keep the last good token rather than failing.
                if (cached is { } previous)
                {
                    return previous;
                }

                throw new KubeconfigException($"Cannot read the token file {path}: {e.Message}. Check the tokenFile path and its permissions.", e);
            }

            if (token.Length == 0)
            {
                throw new KubeconfigException($"The token file {path} is empty; it must contain a bearer token.");
            }

            cached = new KubernetesCredentials(token, clientCertificate);
            readAt = now;
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Invalidate() => Volatile.Write(ref cached, null);
}
