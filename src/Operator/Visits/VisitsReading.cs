namespace VisitCounter.Operator.Visits;

/// <summary>One reading of an app's per-pod visits.</summary>
/// <param name="ReadAt">When the pods were asked.</param>
/// <param name="Visits">The count of each pod that answered, by pod name.</param>
public sealed record VisitsReading(DateTimeOffset ReadAt, IReadOnlyDictionary<string, long> Visits);
