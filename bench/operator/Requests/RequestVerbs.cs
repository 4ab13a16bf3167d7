namespace VisitCounter.Bench.OperatorScale.Requests;

/// <summary>The verbs of <c>apiserver_request_total</c>, writes first, in the order the results tables show them.</summary>
public static class RequestVerbs
{
    /// <summary>Every verb kube-apiserver reports.</summary>
    public static IReadOnlyList<string> All { get; } = ["APPLY", "PATCH", "PUT", "POST", "DELETE", "GET", "LIST", "WATCH", "CONNECT"];
}
