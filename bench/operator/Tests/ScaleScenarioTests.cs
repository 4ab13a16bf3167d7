using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Bench.OperatorScale.Scenario;

namespace VisitCounter.Bench.OperatorScale.Tests;

/// <summary>The whole benchmark on a few apps: real API server, real operator, real watches. Asserts counts, never times.</summary>
public sealed class ScaleScenarioTests
{
    [Fact]
    public async Task Few_apps_converge_stay_quiet_and_follow_a_spec_change()
    {
        const int apps = 3;
        var settings = new ScaleSettings
        {
            AppCounts = [apps],
            WorkerCounts = [2],
            SteadyWindow = TimeSpan.FromSeconds(2),
            ConvergenceTimeout = TimeSpan.FromMinutes(2),
            Https = false,
            OperatorLogLevel = "Warning",
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var result = await new ScaleScenario(settings, NullLoggerFactory.Instance, TextWriter.Null).RunAsync(apps, workers: 2, cancel.Token);

        Assert.Equal(2, result.MaxConcurrentReconciles);
        Assert.Equal(apps, result.Create.Converged);
        Assert.True(result.Create.Reconciles >= apps, $"{result.Create.Reconciles} reconciles for {apps} apps");
        Assert.Equal(apps, result.Create.Writes[WriteKind.AppSpec]);
        Assert.Equal(apps, result.Create.Writes[WriteKind.StatefulSet]);
        Assert.Equal(2 * apps, result.Create.Writes[WriteKind.Service]);
        Assert.True(result.Create.Writes[WriteKind.AppStatus] >= apps);

        Assert.Equal(apps, result.Steady.Converged);
        Assert.Equal(0, result.Steady.Writes.OperatorWrites);

        Assert.NotNull(result.SpecChange);
        Assert.Equal(apps, result.SpecChange.Converged);
        Assert.Equal(apps, result.SpecChange.Writes[WriteKind.AppSpec]);
        Assert.Equal(apps, result.SpecChange.Writes[WriteKind.StatefulSet]);
        Assert.Equal(0, result.SpecChange.Writes[WriteKind.Service]);

        Assert.True(result.AfterConvergence.ManagedHeapBytes > 0);
    }

    [Fact]
    public void App_names_are_zero_padded_dns_labels()
    {
        Assert.Equal("bench-0000", ScaleScenario.AppName(0));
        Assert.Equal("bench-0499", ScaleScenario.AppName(499));
    }
}
