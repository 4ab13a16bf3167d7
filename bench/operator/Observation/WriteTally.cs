using System.Collections.Immutable;

namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>Write counts by kind at one moment; subtracting two tallies gives the writes of the phase between them.</summary>
public sealed record WriteTally(ImmutableDictionary<WriteKind, long> Counts)
{
    /// <summary>No writes.</summary>
    public static WriteTally Empty { get; } = new(ImmutableDictionary<WriteKind, long>.Empty);

    /// <summary>Writes of one kind.</summary>
    public long this[WriteKind kind] => Counts.GetValueOrDefault(kind);

    /// <summary>Every write the operator made (all kinds but the benchmark's own spec writes).</summary>
    public long OperatorWrites => Counts.Where(c => c.Key != WriteKind.AppSpec).Sum(c => c.Value);

    /// <summary>The writes counted after <paramref name="earlier"/> was taken.</summary>
    public WriteTally Since(WriteTally earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var builder = ImmutableDictionary.CreateBuilder<WriteKind, long>();
        foreach (var kind in Enum.GetValues<WriteKind>())
        {
            builder[kind] = this[kind] - earlier[kind];
        }

        return new WriteTally(builder.ToImmutable());
    }
}
