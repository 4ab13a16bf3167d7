namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>A monotonically increasing counter family (Prometheus type <c>counter</c>).</summary>
public sealed class CounterFamily : ScalarFamily<Counter>
{
    internal CounterFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
    }

    internal override string TypeName => "counter";
}

/// <summary>One counter series.</summary>
public sealed class Counter : ScalarSeries
{
    /// <summary>Adds <paramref name="amount"/> (which must not be negative: counters only go up).</summary>
    public void Inc(double amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        AddCore(amount);
    }
}
