namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>The kinds of API writes the benchmark tells apart. Spec writes are the benchmark's own; the rest are the operator's.</summary>
public enum WriteKind
{
    /// <summary>A VisitCounterApp create or spec change (made by the benchmark, not counted as operator work).</summary>
    AppSpec,

    /// <summary>A VisitCounterApp write that left the generation alone: the operator's status update.</summary>
    AppStatus,

    /// <summary>A StatefulSet create, update or delete.</summary>
    StatefulSet,

    /// <summary>A Service create, update or delete.</summary>
    Service,

    /// <summary>A core/v1 Event create or update (the operator's event recorder).</summary>
    Event,
}
