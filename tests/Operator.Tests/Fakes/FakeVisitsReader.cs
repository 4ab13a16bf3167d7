using VisitCounter.Kube.Models;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Operator.Tests.Fakes;

/// <summary>Answers visit counts from a table; pods not in it do not answer.</summary>
public sealed class FakeVisitsReader : IPodVisitsReader
{
    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public List<string> Asked { get; } = [];

    public Task<long?> ReadAsync(V1Pod pod, int port, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(pod.Metadata.Name!);
        }

        return Task.FromResult(Counts.TryGetValue(pod.Metadata.Name!, out var count) ? count : (long?)null);
    }
}
