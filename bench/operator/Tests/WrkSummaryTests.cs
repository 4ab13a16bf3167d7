using VisitCounter.Bench.OperatorScale.Traffic;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class WrkSummaryTests
{
    [Fact]
    public void Reads_requests_non_success_answers_and_socket_errors()
    {
        const string output = """
            Running 1m test @ http://127.0.0.1:30001/
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    12.00ms    3.00ms  80.00ms   90.00%
                Req/Sec    80.00     10.00   100.00     70.00%
              4812 requests in 1.00m, 1.10MB read
              Socket errors: connect 0, read 1, write 0, timeout 2
              Non-2xx or 3xx responses: 5
            Requests/sec:     80.15
            Transfer/sec:     18.80KB
            """;

        Assert.Equal(new WrkSummary(4812, 5, 3), WrkSummary.Parse(output));
    }

    [Fact]
    public void Clean_run_has_no_failures() =>
        Assert.Equal(new WrkSummary(120, 0, 0), WrkSummary.Parse("  120 requests in 10.01s, 20.00KB read\nRequests/sec: 11.99\n"));

    [Fact]
    public void Output_without_a_summary_gives_none() =>
        Assert.Null(WrkSummary.Parse("unable to connect to 127.0.0.1:30001 Connection refused\n"));
}
