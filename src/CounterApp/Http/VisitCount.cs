namespace VisitCounter.CounterApp.Http;

/// <summary>The JSON answer of <c>/</c> and <c>/visits</c>: <c>{"pod":"web-0","visits":74}</c>.</summary>
/// <param name="Pod">The pod that counted.</param>
/// <param name="Visits">This visit's number (<c>/</c>) or the durable count (<c>/visits</c>).</param>
public sealed record VisitCount(string Pod, long Visits);
