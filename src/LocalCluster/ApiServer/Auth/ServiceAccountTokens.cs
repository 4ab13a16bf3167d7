using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// Issues and checks service account tokens against the live objects: a token authenticates only while its service
/// account (same uid) and, for a pod-bound token, its pod still exist, as kube-apiserver's legacy-free token
/// authenticator checks. The kubelet stand-in mints each pod's projected token with <see cref="Issue"/>.
/// </summary>
public sealed class ServiceAccountTokens
{
    /// <summary>The lifetime of a token when the request names none (TokenRequest's default).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>The shortest lifetime a TokenRequest may ask for.</summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(10);

    private readonly ServiceAccountTokenCodec _codec;
    private readonly VersionedStore _store;
    private readonly TimeProvider _time;

    internal ServiceAccountTokens(ServiceAccountTokenCodec codec, VersionedStore store, TimeProvider time)
    {
        _codec = codec;
        _store = store;
        _time = time;
    }

    /// <summary>Loads the cluster's signing key from <c>DATA/pki/service-account.key</c>, creating it on first start.</summary>
    internal static ServiceAccountTokens LoadOrCreate(string dataDirectory, VersionedStore store, TimeProvider time)
    {
        var folder = Path.Combine(dataDirectory, "pki");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "service-account.key");
        if (!File.Exists(path))
        {
            Hosting.ServerCredentials.WriteSecret(path, RandomNumberGenerator.GetBytes(32));
        }

        return new ServiceAccountTokens(new ServiceAccountTokenCodec(File.ReadAllBytes(path)), store, time);
    }

    /// <summary>
    /// Mints a token for service account <paramref name="ns"/>/<paramref name="name"/> (default audience: the API
    /// server; default lifetime one hour), optionally bound to a pod that runs as it.
    /// </summary>
    /// <exception cref="ApiException">404 when the service account (or the pod) does not exist; 422 for a lifetime under 10 minutes.</exception>
    public IssuedToken Issue(string ns, string name, IReadOnlyList<string>? audiences = null, TimeSpan? lifetime = null, string? podName = null)
    {
        var account = _store.Get(ResourceRef.ServiceAccounts, new ObjectKey(ns, name)) ?? throw ApiException.NotFound(ResourceRef.ServiceAccounts, name);
        BoundPod? pod = null;
        if (podName is not null)
        {
            var podObject = _store.Get(ResourceRef.Pods, new ObjectKey(ns, podName)) ?? throw ApiException.NotFound(ResourceRef.Pods, podName);
            pod = new BoundPod(podName, Meta.Uid(podObject) ?? "");
        }

        var duration = lifetime ?? DefaultLifetime;
        if (duration < MinimumLifetime)
        {
            throw ApiException.Invalid("TokenRequest", "authentication.k8s.io", name,
                [Validation.FieldErrors.Invalid("spec.expirationSeconds", JsonValue.Create((long)duration.TotalSeconds), "may not specify a duration less than 10 minutes")]);
        }

        var now = _time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + duration).ToUnixTimeSeconds());
        var claims = new ServiceAccountTokenClaims(ns, name, Meta.Uid(account) ?? "",
            audiences is { Count: > 0 } ? audiences : [ServiceAccountTokenCodec.Issuer], expires, pod);
        return new IssuedToken(_codec.Sign(claims, now), claims);
    }

    /// <summary>
    /// The service account user a bearer token stands for, or null when it is no valid token of ours, it is not meant
    /// for the API server, or its service account or bound pod is gone (or was re-created with another uid).
    /// </summary>
    public UserInfo? Authenticate(string token)
    {
        if (_codec.Verify(token, _time.GetUtcNow()) is not { } claims) return null;
        if (!claims.Audiences.Contains(ServiceAccountTokenCodec.Issuer)) return null;
        var account = _store.Get(ResourceRef.ServiceAccounts, new ObjectKey(claims.Namespace, claims.ServiceAccountName));
        if (account is null || Meta.Uid(account) != claims.ServiceAccountUid || Meta.IsDeleting(account)) return null;
        if (claims.Pod is { } pod)
        {
            var podObject = _store.Get(ResourceRef.Pods, new ObjectKey(claims.Namespace, pod.Name));
            // A terminating pod keeps its token through the grace period, so it can release what it holds.
            if (podObject is null || Meta.Uid(podObject) != pod.Uid) return null;
        }

        return UserInfo.ServiceAccount(claims.Namespace, claims.ServiceAccountName, claims.ServiceAccountUid);
    }
}

/// <summary>A freshly minted token and what it says.</summary>
/// <param name="Token">The JWT, for <c>Authorization: Bearer</c> or a projected token file.</param>
/// <param name="Claims">Its claims (expiry in <see cref="ServiceAccountTokenClaims.ExpiresAt"/>).</param>
public sealed record IssuedToken(string Token, ServiceAccountTokenClaims Claims);
