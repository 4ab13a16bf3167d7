namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>One sample of a Prometheus text exposition: its labels and value.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The value of a label, "" when the sample does not carry it (as Prometheus treats a missing label).</summary>
    public string Label(string name) => Labels.GetValueOrDefault(name) ?? string.Empty;
}
