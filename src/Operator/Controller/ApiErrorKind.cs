using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>What a failed API call means for the app: wait and retry, or tell a person.</summary>
public abstract record ApiErrorKind
{
    private ApiErrorKind()
    {
    }

    /// <summary>
    /// Nothing anyone has to fix (an overloaded or restarting API server, a lost connection, a write that met a newer
    /// version, an object being deleted): retry with backoff, after <paramref name="RetryAfter"/> when the server said so,
    /// and leave the conditions as they are.
    /// </summary>
    public sealed record Transient(string Summary, TimeSpan? RetryAfter) : ApiErrorKind;

    /// <summary>A person must act (RBAC, a value the server rejects): the app is Degraded with this problem.</summary>
    public sealed record NeedsPerson(Problem Problem) : ApiErrorKind;
}
