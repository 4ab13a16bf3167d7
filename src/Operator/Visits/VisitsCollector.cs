using VisitCounter.Kube.Models;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Visits;

/// <summary>Asks every ready pod for its visits at the same time; pods that do not answer are simply left out.</summary>
public sealed class VisitsCollector(IPodVisitsReader reader)
{
    /// <summary>Visits by pod name, for the ready pods that answered.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CollectAsync(IEnumerable<V1Pod> pods, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var ready = pods.Where(p => p.Metadata.Name is not null && StatusCalculator.IsPodReady(p)).ToList();
        var counts = await Task.WhenAll(ready.Select(p => reader.ReadAsync(p, port, cancellationToken)));
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < ready.Count; i++)
        {
            if (counts[i] is { } count)
            {
                result[ready[i].Metadata.Name!] = count;
            }
        }

        return result;
    }
}
