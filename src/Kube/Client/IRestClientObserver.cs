namespace VisitCounter.Kube.Client;

/// <summary>
/// Sees every HTTP attempt the client makes, so a host can count them (the runtime's <c>RestClientMetrics</c> turns
/// them into client-go's <c>rest_client_*</c> metrics) without the client depending on any metrics library.
/// Called on the request's thread: implementations must be thread-safe and cheap.
/// </summary>
public interface IRestClientObserver
{
    /// <summary>One attempt ended: <paramref name="code"/> is the HTTP status (<c>"200"</c>) or <c>"&lt;error&gt;"</c> without an answer.</summary>
    /// <param name="method">The HTTP method (<c>GET</c>, <c>POST</c>, ...).</param>
    /// <param name="host">The API server's <c>host:port</c>.</param>
    /// <param name="code">The status code as text, or <see cref="NoResponseCode"/>.</param>
    /// <param name="duration">From sending to the answer's headers (for a watch: until the stream opened).</param>
    void RequestCompleted(string method, string host, string code, TimeSpan duration);

    /// <summary>An attempt waited <paramref name="waited"/> for the client-side rate limiter (zero within the burst).</summary>
    void RateLimited(string method, string host, TimeSpan waited);

    /// <summary>The <c>code</c> label of an attempt without an HTTP answer, as client-go spells it.</summary>
    public const string NoResponseCode = "<error>";
}
