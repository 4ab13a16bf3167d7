using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Bench.OperatorScale.Hosting;
using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Bench.OperatorScale.Scenario;

namespace VisitCounter.Bench.OperatorScale.Tests;

/// <summary>
/// The whole benchmark on a few apps: real local cluster, the operator as its own process, the server's /metrics.
/// Asserts counts, never times. No traffic apps, so it needs neither wrk nor pods.
/// </summary>
public sealed class ScaleScenarioTests
{
    [Fact]
    public async Task Few_apps_converge_with_one_apply_per_child_and_stay_quiet()
    {
        const int apps = 3;
        var settings = new ScaleSettings
        {
            AppCounts = [apps],
            Runs = 1,
            TrafficApps = 0,
            TrafficReplicas = 1,
            VisitsIntervalSeconds = 10,
            QuietWindow = TimeSpan.FromSeconds(3),
            TrafficWindow = TimeSpan.FromSeconds(1),
            WrkConnections = 1,
            ConvergenceTimeout = TimeSpan.FromMinutes(3),
            Https = true,
            OperatorLogLevel = "Warning",
            OperatorCommand = OperatorCommand.Resolve(null, AppContext.BaseDirectory),
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(8));

        var result = await new ScaleScenario(settings, NullLoggerFactory.Instance, TextWriter.Null).RunAsync(apps, run: 1, cancel.Token);

        Assert.Equal(apps, result.Convergence.Converged);
        Assert.True(result.Convergence.Reconciles >= apps, $"{result.Convergence.Reconciles} reconciles for {apps} apps");
        Assert.Equal(apps, result.Convergence.Writes[WriteKind.AppSpec]);
        Assert.Equal(2 * apps, result.Convergence.Writes[WriteKind.Service]);
        Assert.True(result.Convergence.Writes[WriteKind.AppStatus] >= apps);

        // From the server's /metrics: a server-side apply per child at least, and a status write per app.
        Assert.True(result.Convergence.Requests.OfVerb("APPLY") >= 3 * apps, $"APPLY: {result.Convergence.Requests.OfVerb("APPLY")}");
        Assert.True(result.Convergence.Requests.Writes >= 4 * apps, $"writes: {result.Convergence.Requests.Writes}");

        Assert.Equal(0, result.Quiet.Requests.Writes);
        Assert.Equal(0, result.Quiet.Requests.VisitsReads);
        Assert.Equal(0, result.Quiet.Writes[WriteKind.AppStatus]);
        Assert.Null(result.Traffic);
        Assert.True(result.Memory.Converged > 0);
        Assert.True(result.Memory.Peak >= result.Memory.Converged);
    }

    [Fact]
    public void App_names_are_zero_padded_dns_labels()
    {
        Assert.Equal("bench-0000", ScaleScenario.AppName(0));
        Assert.Equal("bench-0499", ScaleScenario.AppName(499));
    }
}
