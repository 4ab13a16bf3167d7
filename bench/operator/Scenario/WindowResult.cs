using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Bench.OperatorScale.Requests;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>A fixed window: what the operator did in it.</summary>
/// <param name="Duration">The window's length as measured.</param>
/// <param name="Reconciles">Reconciliations the operator finished in it.</param>
/// <param name="Requests">The operator's requests in it, from the API server's metrics.</param>
/// <param name="Writes">Committed writes in it by kind, from store watches.</param>
/// <param name="StatusWrites">The operator's status writes in it by app (apps without any left out), from store watches.</param>
public sealed record WindowResult(TimeSpan Duration, long Reconciles, RequestCounts Requests, WriteTally Writes, IReadOnlyDictionary<string, long> StatusWrites);
