namespace VisitCounter.Bench.OperatorScale.Reporting;

/// <summary>The median the results tables report over runs.</summary>
public static class Median
{
    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count); 0 for none.</summary>
    public static double Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
