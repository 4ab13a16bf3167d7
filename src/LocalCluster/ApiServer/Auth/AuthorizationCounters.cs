using System.Collections.Concurrent;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// How many requests the authorizer allowed and denied (as kube-apiserver's
/// <c>apiserver_authorization_decisions_total{decision}</c>), and the denials themselves, so a test can assert that a
/// component under its own RBAC never hit a 403. Thread-safe; read-only to callers.
/// </summary>
public sealed class AuthorizationCounters
{
    private const int KeptDenials = 1000;
    private readonly ConcurrentQueue<AuthorizationDenial> _denials = new();
    private long _allowed;
    private long _denied;

    /// <summary>Requests allowed.</summary>
    public long Allowed => Interlocked.Read(ref _allowed);

    /// <summary>Requests denied with 403.</summary>
    public long Denied => Interlocked.Read(ref _denied);

    /// <summary>The latest denials (at most 1000), oldest first.</summary>
    public IReadOnlyList<AuthorizationDenial> Denials => _denials.ToArray();

    internal void RecordAllowed() => Interlocked.Increment(ref _allowed);

    internal void RecordDenied(AuthorizationDenial denial)
    {
        Interlocked.Increment(ref _denied);
        _denials.Enqueue(denial);
        while (_denials.Count > KeptDenials && _denials.TryDequeue(out _))
        {
        }
    }
}

/// <summary>One denied request: who, and the Forbidden message it got.</summary>
public sealed record AuthorizationDenial(string User, string Verb, string Resource, string Namespace, string Message);
