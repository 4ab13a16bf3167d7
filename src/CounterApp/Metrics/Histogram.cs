using System.Globalization;
using System.Text;

namespace VisitCounter.CounterApp.Metrics;

/// <summary>A Prometheus histogram with fixed upper bounds, updated lock-free from many threads.</summary>
public sealed class Histogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _count;
    private double _sum;

    /// <summary>Creates a histogram with the given ascending upper bounds (the +Inf bucket is implicit).</summary>
    public Histogram(params double[] upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        _bounds = upperBounds;
        _counts = new long[upperBounds.Length];
    }

    /// <summary>Upper bounds for request latencies in seconds, from 100 µs to 10 s.</summary>
    public static double[] LatencyBounds => [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Records one observation.</summary>
    public void Observe(double value)
    {
        int bucket = Array.BinarySearch(_bounds, value);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }

        if (bucket < _counts.Length)
        {
            Interlocked.Increment(ref _counts[bucket]);
        }

        Interlocked.Increment(ref _count);
        double seen = Volatile.Read(ref _sum);
        while (true)
        {
            double actual = Interlocked.CompareExchange(ref _sum, seen + value, seen);
            if (actual.Equals(seen))
            {
                return;
            }

            seen = actual;
        }
    }

    /// <summary>Appends the <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series of this histogram.</summary>
    public void WriteTo(StringBuilder output, string name, string labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        string separator = labels.Length == 0 ? string.Empty : ",";
        long cumulative = 0;
        for (int i = 0; i < _bounds.Length; i++)
        {
            cumulative += Volatile.Read(ref _counts[i]);
            output.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}{separator}le=\"{_bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }

        long count = Volatile.Read(ref _count);
        output.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}{separator}le=\"+Inf\"}} {count}\n");
        string braces = labels.Length == 0 ? string.Empty : $"{{{labels}}}";
        output.Append(CultureInfo.InvariantCulture, $"{name}_sum{braces} {Volatile.Read(ref _sum).ToString("R", CultureInfo.InvariantCulture)}\n");
        output.Append(CultureInfo.InvariantCulture, $"{name}_count{braces} {count}\n");
    }
}
