using VisitCounter.Bench.OperatorScale.Reporting;
using VisitCounter.Bench.OperatorScale.Requests;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class RequestCountsTests
{
    private const string Labels = "component=\"apiserver\",dry_run=\"\",scope=\"resource\",version=\"v1\"";

    private static string Line(string verb, string group, string resource, string subresource, string code, long value) =>
        $"apiserver_request_total{{code=\"{code}\",{Labels},group=\"{group}\",resource=\"{resource}\",subresource=\"{subresource}\",verb=\"{verb}\"}} {value}";

    private static RequestCounts Scrape(params string[] lines) =>
        RequestCounts.Parse("# TYPE apiserver_request_total counter\n" + string.Join('\n', lines) + "\napiserver_request_duration_seconds_count 99\n");

    [Fact]
    public void Parse_reads_verb_group_resource_subresource_and_code()
    {
        var counts = Scrape(Line("APPLY", "apps", "statefulsets", "", "200", 7), Line("PATCH", "visitcounter.io", "visitcounterapps", "status", "200", 3));

        Assert.Equal(7, counts.Counts[new RequestKey("APPLY", "apps", "statefulsets", "", "200")]);
        Assert.Equal(3, counts.Counts[new RequestKey("PATCH", "visitcounter.io", "visitcounterapps", "status", "200")]);
        Assert.Equal(10, counts.Total);
    }

    [Fact]
    public void The_benchmarks_own_metrics_scrapes_are_left_out()
    {
        var counts = Scrape(Line("GET", "", "", "/metrics", "200", 40), Line("GET", "", "", "/version", "200", 1));

        Assert.Equal(1, counts.Total);
        Assert.Equal("/version", Assert.Single(counts.Counts).Key.Target);
    }

    [Fact]
    public void Since_gives_the_requests_of_the_phase_by_series()
    {
        var before = Scrape(Line("APPLY", "apps", "statefulsets", "", "200", 5), Line("LIST", "", "pods", "", "200", 2));
        var after = Scrape(
            Line("APPLY", "apps", "statefulsets", "", "200", 9), Line("LIST", "", "pods", "", "200", 2), Line("POST", "", "events", "", "201", 4));

        var phase = after.Since(before);

        Assert.Equal(2, phase.Counts.Count);
        Assert.Equal(4, phase.OfVerb("APPLY"));
        Assert.Equal(4, phase.OfVerb("POST"));
        Assert.Equal(0, phase.OfVerb("LIST"));
    }

    [Fact]
    public void Writes_visits_reads_and_other_reads_are_told_apart()
    {
        var counts = Scrape(
            Line("APPLY", "apps", "statefulsets", "", "200", 1),
            Line("PATCH", "visitcounter.io", "visitcounterapps", "status", "200", 2),
            Line("POST", "", "events", "", "201", 3),
            Line("DELETE", "", "pods", "", "200", 1),
            Line("PUT", "coordination.k8s.io", "leases", "", "200", 1),
            Line("CONNECT", "", "pods", "proxy", "200", 20),
            Line("CONNECT", "", "services", "proxy", "200", 5),
            Line("GET", "apps", "statefulsets", "", "200", 6),
            Line("WATCH", "", "pods", "", "200", 2));

        Assert.Equal(8, counts.Writes);
        Assert.Equal(20, counts.VisitsReads);
        Assert.Equal(13, counts.OtherReads);
    }

    [Fact]
    public void Failures_are_grouped_by_code()
    {
        var counts = Scrape(
            Line("APPLY", "apps", "statefulsets", "", "200", 10),
            Line("APPLY", "apps", "statefulsets", "", "409", 2),
            Line("PATCH", "visitcounter.io", "visitcounterapps", "status", "409", 1),
            Line("CONNECT", "", "pods", "proxy", "503", 4));

        Assert.Equal([("409", 3L), ("503", 4L)], counts.Failures());
    }

    [Fact]
    public void Targets_name_the_group_and_subresource()
    {
        Assert.Equal("statefulsets.apps", new RequestKey("APPLY", "apps", "statefulsets", "", "200").Target);
        Assert.Equal("pods/proxy", new RequestKey("CONNECT", "", "pods", "proxy", "200").Target);
        Assert.Equal("visitcounterapps.visitcounter.io/status", new RequestKey("PATCH", "visitcounter.io", "visitcounterapps", "status", "200").Target);
    }

    [Fact]
    public void Detail_lists_verb_target_and_count_largest_first()
    {
        var counts = Scrape(
            Line("POST", "", "events", "", "201", 3),
            Line("APPLY", "apps", "statefulsets", "", "200", 1000),
            Line("APPLY", "apps", "statefulsets", "", "409", 2));

        Assert.Equal("APPLY statefulsets.apps 1,002, POST events 3", ResultsTables.Detail(counts));
        Assert.Equal("none", ResultsTables.Detail(RequestCounts.Empty));
    }

    [Fact]
    public void Child_writes_count_statefulset_and_service_writes_only()
    {
        var counts = Scrape(
            Line("APPLY", "apps", "statefulsets", "", "200", 2),
            Line("APPLY", "", "services", "", "200", 3),
            Line("GET", "", "services", "", "200", 9),
            Line("PATCH", "visitcounter.io", "visitcounterapps", "status", "200", 4));

        Assert.Equal(5, ResultsTables.ChildWrites(counts));
    }
}
