namespace VisitCounter.Kube.Client.Retries;

/// <summary>How one attempt of a request failed: an HTTP answer, or a transport failure without one.</summary>
/// <param name="StatusCode">The HTTP status of the answer; null when there was none.</param>
/// <param name="RetryAfter">The server's <c>Retry-After</c> hint, if any.</param>
/// <param name="Transport">Why there was no answer; <see cref="TransportFailure.None"/> when there was one.</param>
public readonly record struct AttemptOutcome(int? StatusCode, TimeSpan? RetryAfter, TransportFailure Transport)
{
    /// <summary>The server answered <paramref name="statusCode"/>.</summary>
    public static AttemptOutcome Answer(int statusCode, TimeSpan? retryAfter = null) => new(statusCode, retryAfter, TransportFailure.None);

    /// <summary>There was no answer.</summary>
    public static AttemptOutcome Failed(TransportFailure failure) => new(null, null, failure);
}

/// <summary>Why an attempt got no HTTP answer; the difference is whether the server may have seen the request.</summary>
public enum TransportFailure
{
    /// <summary>There was an answer.</summary>
    None,

    /// <summary>No connection could be made (refused, name resolution, TLS handshake): the request was never sent.</summary>
    NotSent,

    /// <summary>The connection broke after the request may have been sent (reset, EOF before the answer).</summary>
    ConnectionLost,

    /// <summary>No answer within the request timeout; the server may still be working on it.</summary>
    Timeout,
}
