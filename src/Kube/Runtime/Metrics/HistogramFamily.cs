using System.Text;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>A histogram family (Prometheus type <c>histogram</c>) with fixed, cumulative buckets.</summary>
public sealed class HistogramFamily : MetricFamily
{
    private readonly double[] buckets;

    internal HistogramFamily(string name, string help, IReadOnlyList<double> buckets, string[] labelNames)
        : base(name, help, labelNames)
    {
        if (buckets.Count == 0 || buckets.Zip(buckets.Skip(1)).Any(pair => pair.First >= pair.Second))
        {
            throw new ArgumentException($"Histogram '{name}' needs at least one bucket bound, in strictly increasing order.", nameof(buckets));
        }

        this.buckets = [.. buckets];
    }

    internal override string TypeName => "histogram";

    /// <summary>The series for the given label values, created on first use.</summary>
    public Histogram WithLabels(params string[] values) => GetChild(values, () => new Histogram(buckets));

    /// <summary>Exponential bucket bounds: <paramref name="start"/>, start*factor, ... (<paramref name="count"/> bounds).</summary>
    public static IReadOnlyList<double> ExponentialBuckets(double start, double factor, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var result = new double[count];
        var bound = start;
        for (var i = 0; i < count; i++)
        {
            result[i] = bound;
            bound *= factor;
        }

        return result;
    }

    private protected override void RenderChild(StringBuilder builder, LabelValues labels, object child)
    {
        var snapshot = ((Histogram)child).Snapshot();
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += snapshot.Counts[i];
            builder.Append(Name).Append("_bucket");
            AppendLabels(builder, labels, "le", MetricName.FormatValue(buckets[i]));
            builder.Append(' ').Append(cumulative).Append('\n');
        }

        builder.Append(Name).Append("_bucket");
        AppendLabels(builder, labels, "le", "+Inf");
        builder.Append(' ').Append(snapshot.Count).Append('\n');
        builder.Append(Name).Append("_sum");
        AppendLabels(builder, labels);
        builder.Append(' ').Append(MetricName.FormatValue(snapshot.Sum)).Append('\n');
        builder.Append(Name).Append("_count");
        AppendLabels(builder, labels);
        builder.Append(' ').Append(snapshot.Count).Append('\n');
    }
}

/// <summary>One histogram series.</summary>
public sealed class Histogram
{
    private readonly Lock gate = new();
    private readonly double[] bounds;
    private readonly long[] counts;
    private double sum;
    private long count;

    internal Histogram(double[] bounds)
    {
        this.bounds = bounds;
        counts = new long[bounds.Length];
    }

    /// <summary>The number of observations so far.</summary>
    public long Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>The sum of all observations so far.</summary>
    public double Sum
    {
        get
        {
            lock (gate)
            {
                return sum;
            }
        }
    }

    /// <summary>Records one observation (e.g. a duration in seconds).</summary>
    public void Observe(double value)
    {
        // Bucket i counts values in (bounds[i-1], bounds[i]]; values above the last bound only reach +Inf.
        var index = Array.BinarySearch(bounds, value);
        if (index < 0)
        {
            index = ~index;
        }

        lock (gate)
        {
            if (index < counts.Length)
            {
                counts[index]++;
            }

            sum += value;
            count++;
        }
    }

    internal (long[] Counts, double Sum, long Count) Snapshot()
    {
        lock (gate)
        {
            return ([.. counts], sum, count);
        }
    }
}
