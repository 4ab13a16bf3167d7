namespace VisitCounter.CounterApp.Http;

/// <summary>The JSON answer when a visit or the count cannot be served: <c>{"pod":"web-0","error":"..."}</c>.</summary>
/// <param name="Pod">The pod that answered.</param>
/// <param name="Error">What is wrong and what fixes it.</param>
public sealed record ErrorBody(string Pod, string Error);
