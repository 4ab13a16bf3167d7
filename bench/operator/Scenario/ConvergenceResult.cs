using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Bench.OperatorScale.Requests;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>Create N apps at once -> every app converged -> the operator's writes stopped.</summary>
/// <param name="Converged">How many apps had converged when the phase ended.</param>
/// <param name="ToConverged">From the first create to the last app converging (or the timeout).</param>
/// <param name="ToSettled">From the first create to the operator's last write of the phase.</param>
/// <param name="Reconciles">Reconciliations the operator finished in the phase.</param>
/// <param name="Requests">The operator's requests in the phase, from the API server's metrics.</param>
/// <param name="Writes">Committed writes in the phase by kind, from store watches.</param>
public sealed record ConvergenceResult(int Converged, TimeSpan ToConverged, TimeSpan ToSettled, long Reconciles, RequestCounts Requests, WriteTally Writes);
