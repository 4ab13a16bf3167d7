namespace VisitCounter.Kube.Client.Retries;

/// <summary>What sending a request a second time could do, which decides which failures the client may retry.</summary>
public enum RequestSafety
{
    /// <summary>GET, LIST, the start of a WATCH: repeating changes nothing.</summary>
    Read,

    /// <summary>
    /// A write whose repetition ends in the same state or in a clear error: a create of a fixed name (the repeat gets
    /// 409 AlreadyExists, which surfaces so the caller sees it), PUT (with a resourceVersion the repeat gets 409 Conflict;
    /// without one it writes the same body again), server-side apply and merge patches (they set values, they do not
    /// add to them), DELETE (the repeat's 404 is "already gone").
    /// </summary>
    IdempotentWrite,

    /// <summary>
    /// A write that may do its work twice: a create with <c>generateName</c> (a second object with another name) or a
    /// JSON patch (its <c>add</c> to a list appends again). Retried only when the server certainly did not act on it.
    /// </summary>
    NonIdempotentWrite,
}
