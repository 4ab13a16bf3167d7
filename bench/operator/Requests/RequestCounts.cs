using System.Collections.Immutable;
using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Requests;

/// <summary>
/// <c>apiserver_request_total</c> at one scrape, or the difference of two scrapes (the requests of one phase). A
/// request is counted when it ends, so a watch shows up when it closes (an informer's re-watch), not when it opens.
/// The benchmark's own <c>/metrics</c> scrapes are left out at parse time.
/// </summary>
public sealed record RequestCounts(ImmutableDictionary<RequestKey, long> Counts)
{
    /// <summary>The metric the counts come from, as kube-apiserver names it.</summary>
    public const string Metric = "apiserver_request_total";

    /// <summary>No requests.</summary>
    public static RequestCounts Empty { get; } = new(ImmutableDictionary<RequestKey, long>.Empty);

    /// <summary>Every request.</summary>
    public long Total => Counts.Values.Sum();

    /// <summary>Requests that change state.</summary>
    public long Writes => Counts.Where(c => c.Key.IsWrite).Sum(c => c.Value);

    /// <summary>Per-pod visits reads (CONNECT pods/proxy).</summary>
    public long VisitsReads => Counts.Where(c => c.Key.IsVisitsRead).Sum(c => c.Value);

    /// <summary>Reads that are not visits reads: GET, LIST, WATCH and any other CONNECT.</summary>
    public long OtherReads => Total - Writes - VisitsReads;

    /// <summary>Reads <see cref="Metric"/> out of a Prometheus text exposition (series with the same key are added).</summary>
    public static RequestCounts Parse(string exposition)
    {
        var counts = new Dictionary<RequestKey, long>();
        foreach (var sample in PrometheusText.Samples(exposition, Metric))
        {
            var key = new RequestKey(
                sample.Label("verb"), sample.Label("group"), sample.Label("resource"), sample.Label("subresource"), sample.Label("code"));
            if (!key.IsMetricsScrape)
            {
                counts[key] = counts.GetValueOrDefault(key) + (long)sample.Value;
            }
        }

        return new RequestCounts(counts.ToImmutableDictionary());
    }

    /// <summary>The requests counted after <paramref name="earlier"/> was scraped; series that did not move are left out.</summary>
    public RequestCounts Since(RequestCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var delta = ImmutableDictionary.CreateBuilder<RequestKey, long>();
        foreach (var (key, count) in Counts)
        {
            var difference = count - earlier.Counts.GetValueOrDefault(key);
            if (difference != 0)
            {
                delta[key] = difference;
            }
        }

        return new RequestCounts(delta.ToImmutable());
    }

    /// <summary>Requests of one verb (every target and code).</summary>
    public long OfVerb(string verb) => Counts.Where(c => c.Key.Verb == verb).Sum(c => c.Value);

    /// <summary>Requests by verb and target (code ignored), largest first, then by verb and target.</summary>
    public IReadOnlyList<(string Verb, string Target, long Count)> ByVerbAndTarget() => Counts
        .GroupBy(c => (c.Key.Verb, c.Key.Target))
        .Select(g => (g.Key.Verb, g.Key.Target, Count: g.Sum(c => c.Value)))
        .OrderByDescending(r => r.Count)
        .ThenBy(r => r.Verb, StringComparer.Ordinal)
        .ThenBy(r => r.Target, StringComparer.Ordinal)
        .ToList();

    /// <summary>Requests that ended with a code other than 2xx, by code.</summary>
    public IReadOnlyList<(string Code, long Count)> Failures() => Counts
        .Where(c => !c.Key.Code.StartsWith('2'))
        .GroupBy(c => c.Key.Code)
        .Select(g => (g.Key, g.Sum(c => c.Value)))
        .OrderBy(r => r.Key, StringComparer.Ordinal)
        .ToList();
}
