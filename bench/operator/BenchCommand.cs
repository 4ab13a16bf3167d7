using System.CommandLine;
using Microsoft.Extensions.Logging;
using VisitCounter.Bench.OperatorScale.Reporting;
using VisitCounter.Bench.OperatorScale.Scenario;
using VisitCounter.Operator;

namespace VisitCounter.Bench.OperatorScale;

/// <summary>The benchmark's command line: flags, their checks, and the run that prints (and records) the tables.</summary>
public static class BenchCommand
{
    private const int MaxApps = 5000;

    /// <summary>The root command.</summary>
    public static RootCommand Create()
    {
        var apps = new Option<int[]>("--apps")
        {
            Description = $"App counts to measure, each on a fresh cluster (1-{MaxApps}).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [50, 200, 500],
        };
        var workers = new Option<int[]>("--max-concurrent-reconciles")
        {
            Description = "The operator's --max-concurrent-reconciles; several values run every app count with each.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [OperatorDefaults.MaxConcurrentReconciles],
        };
        var steady = new Option<int>("--steady-seconds")
        {
            Description = "How long to count writes after convergence.",
            DefaultValueFactory = _ => 30,
        };
        var timeout = new Option<int>("--timeout-seconds")
        {
            Description = "How long one convergence may take before it is reported as not converged.",
            DefaultValueFactory = _ => 180,
        };
        var http = new Option<bool>("--http") { Description = "Serve the API over plain HTTP instead of HTTPS with a token." };
        var logLevel = new Option<LogLevel>("--operator-log-level")
        {
            Description = "Minimum level of the operator's console log (Information writes one line per reconcile).",
            DefaultValueFactory = _ => LogLevel.Warning,
        };
        var results = new Option<string?>("--results") { Description = "Markdown file to put the \"## Operator scale\" section into (e.g. bench/RESULTS.md)." };

        var root = new RootCommand("Operator scale benchmark: N VisitCounterApps at once against the embedded API server, operator in process.")
        {
            apps, workers, steady, timeout, http, logLevel, results,
        };
        apps.Validators.Add(r => RequireEachInRange(r, "--apps", 1, MaxApps));
        workers.Validators.Add(r => RequireEachInRange(r, "--max-concurrent-reconciles", 1, 64));
        steady.Validators.Add(r => RequireRange(r, "--steady-seconds", 0, 3600));
        timeout.Validators.Add(r => RequireRange(r, "--timeout-seconds", 1, 3600));

        root.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ScaleSettings
            {
                AppCounts = parse.GetValue(apps)!,
                WorkerCounts = parse.GetValue(workers)!,
                SteadyWindow = TimeSpan.FromSeconds(parse.GetValue(steady)),
                ConvergenceTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Https = !parse.GetValue(http),
                OperatorLogLevel = parse.GetValue(logLevel).ToString(),
            };
            var command = "dotnet run -c Release --project bench/operator -- " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            return await RunAsync(settings, command.TrimEnd(), parse.GetValue(results), cancellationToken);
        });
        return root;
    }

    private static void RequireEachInRange(System.CommandLine.Parsing.OptionResult result, string flag, int min, int max)
    {
        foreach (var value in result.GetValueOrDefault<int[]>() ?? [])
        {
            if (value < min || value > max)
            {
                result.AddError($"{flag}: {value} is out of range; every value must be from {min} to {max}, e.g. {flag} {min} {Math.Min(max, min * 4)}.");
            }
        }
    }

    private static void RequireRange(System.CommandLine.Parsing.OptionResult result, string flag, int min, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max)
        {
            result.AddError($"{flag}: {value} is out of range; use a value from {min} to {max}.");
        }
    }

    private static async Task<int> RunAsync(ScaleSettings settings, string command, string? resultsPath, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.ReadLoadAverage();
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true));
        var scenario = new ScaleScenario(settings, loggerFactory, Console.Out);
        var measured = new List<ScaleResult>();
        foreach (var workers in settings.WorkerCounts)
        {
            foreach (var apps in settings.AppCounts)
            {
                measured.Add(await scenario.RunAsync(apps, workers, cancellationToken));
            }
        }

        var section = ResultsSection.Render(command, started, MachineInfo.Current(), loadBefore, MachineInfo.ReadLoadAverage(), settings, measured);
        Console.WriteLine();
        Console.WriteLine(section);
        if (resultsPath is not null)
        {
            await ResultsDocument.WriteAsync(resultsPath, section, cancellationToken);
            Console.WriteLine($"Wrote the \"Operator scale\" section into {resultsPath}.");
        }

        // A run that did not converge is a finding, not a crash: the tables say so, and the exit code lets scripts see it.
        return measured.All(r => r.Create.Converged == r.Apps && r.SpecChange?.Converged == r.Apps) ? 0 : 1;
    }
}
