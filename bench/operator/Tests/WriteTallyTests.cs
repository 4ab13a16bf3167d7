using System.Collections.Immutable;
using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class WriteTallyTests
{
    private static WriteTally Tally(params (WriteKind Kind, long Count)[] counts) =>
        new(counts.ToImmutableDictionary(c => c.Kind, c => c.Count));

    [Fact]
    public void Since_subtracts_each_kind()
    {
        var before = Tally((WriteKind.StatefulSet, 2), (WriteKind.Event, 5));
        var after = Tally((WriteKind.StatefulSet, 7), (WriteKind.Event, 5), (WriteKind.Service, 4));

        var phase = after.Since(before);

        Assert.Equal(5, phase[WriteKind.StatefulSet]);
        Assert.Equal(0, phase[WriteKind.Event]);
        Assert.Equal(4, phase[WriteKind.Service]);
    }

    [Fact]
    public void Operator_writes_exclude_the_benchmarks_spec_writes()
    {
        var tally = Tally((WriteKind.AppSpec, 100), (WriteKind.AppStatus, 3), (WriteKind.StatefulSet, 1), (WriteKind.Service, 2), (WriteKind.Event, 4));
        Assert.Equal(10, tally.OperatorWrites);
    }
}
