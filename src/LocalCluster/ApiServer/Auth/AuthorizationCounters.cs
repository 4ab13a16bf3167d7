using System.Collections.Concurrent;
using VisitCounter.LocalCluster.ApiServer.Metrics;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// How many requests the authorizer allowed and denied, and the denials themselves, so a test can assert that a
/// component under its own RBAC never hit a 403; the same decisions go to <c>/metrics</c> (see
/// <see cref="ApiServerMetrics"/>) for a test that only has the server's address. Thread-safe; read-only to callers.
/// </summary>
public sealed class AuthorizationCounters
{
    private const int KeptDenials = 1000;
    private readonly ConcurrentQueue<AuthorizationDenial> _denials = new();
    private readonly ApiServerMetrics _metrics;
    private long _allowed;
    private long _denied;

    internal AuthorizationCounters(ApiServerMetrics metrics) => _metrics = metrics;

    /// <summary>Requests allowed.</summary>
    public long Allowed => Interlocked.Read(ref _allowed);

    /// <summary>Requests denied with 403.</summary>
    public long Denied => Interlocked.Read(ref _denied);

    /// <summary>The latest denials (at most 1000), oldest first.</summary>
    public IReadOnlyList<AuthorizationDenial> Denials => _denials.ToArray();

    internal void RecordAllowed(bool byRbac)
    {
        Interlocked.Increment(ref _allowed);
        if (byRbac) _metrics.RecordAuthorizationAllowed();
    }

    internal void RecordDenied(AuthorizationDenial denial)
    {
        Interlocked.Increment(ref _denied);
        _metrics.RecordAuthorizationDenied(denial);
        _denials.Enqueue(denial);
        while (_denials.Count > KeptDenials && _denials.TryDequeue(out _))
        {
        }
    }
}

/// <summary>One denied request: who, and the Forbidden message it got.</summary>
/// <param name="User">The user name, e.g. <c>system:serviceaccount:NS:NAME</c>.</param>
/// <param name="Verb">The verb asked, e.g. <c>create</c>.</param>
/// <param name="Resource">The resource, with <c>/subresource</c> when one was asked (or the path of a non-resource request).</param>
/// <param name="Namespace">The namespace, empty at the cluster scope.</param>
/// <param name="Message">The message of the 403 Status.</param>
/// <param name="ApiGroup">The API group ("" for core).</param>
public sealed record AuthorizationDenial(string User, string Verb, string Resource, string Namespace, string Message, string ApiGroup = "");
