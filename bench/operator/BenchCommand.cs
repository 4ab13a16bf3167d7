using System.CommandLine;
using Microsoft.Extensions.Logging;
using VisitCounter.Bench.OperatorScale.Hosting;
using VisitCounter.Bench.OperatorScale.Reporting;
using VisitCounter.Bench.OperatorScale.Scenario;

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
            Description = $"App counts to measure, each on fresh clusters (1-{MaxApps}).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [1000],
        };
        var runs = new Option<int>("--runs") { Description = "Runs per app count (medians are taken over them).", DefaultValueFactory = _ => 2 };
        var trafficApps = new Option<int>("--traffic-apps") { Description = "Apps that get pods and traffic (0: no traffic phase).", DefaultValueFactory = _ => 10 };
        var trafficReplicas = new Option<int>("--traffic-replicas") { Description = "Pods per traffic app.", DefaultValueFactory = _ => 2 };
        var interval = new Option<int>("--visits-interval-seconds") { Description = "visits.intervalSeconds of the traffic apps.", DefaultValueFactory = _ => 10 };
        var quiet = new Option<int>("--quiet-seconds") { Description = "The quiet window after convergence.", DefaultValueFactory = _ => 60 };
        var traffic = new Option<int>("--traffic-seconds") { Description = "The window with wrk traffic.", DefaultValueFactory = _ => 60 };
        var connections = new Option<int>("--wrk-connections") { Description = "wrk connections per traffic app.", DefaultValueFactory = _ => 2 };
        var wrk = new Option<string>("--wrk") { Description = "The wrk program.", DefaultValueFactory = _ => "wrk" };
        var timeout = new Option<int>("--timeout-seconds")
        {
            Description = "How long one convergence (or the traffic apps' pods getting ready) may take.",
            DefaultValueFactory = _ => 600,
        };
        var http = new Option<bool>("--http") { Description = "Serve the API over plain HTTP instead of HTTPS with a token." };
        var logLevel = new Option<LogLevel>("--operator-log-level")
        {
            Description = "Minimum level of the operator's log (Information writes one line per reconcile).",
            DefaultValueFactory = _ => LogLevel.Warning,
        };
        var operatorCommand = new Option<string?>("--operator-command")
        {
            Description = "How to start the operator, e.g. a published visitcounter-operator binary (default: dotnet with the built src/Operator).",
        };
        var operatorArgs = new Option<string[]>("--operator-arg")
        {
            Description = "A flag for the operator, repeatable (e.g. --operator-arg=--max-concurrent-reconciles=4).",
            DefaultValueFactory = _ => [],
        };
        var note = new Option<string?>("--note") { Description = "A line for the results, e.g. the operator's commit." };
        var results = new Option<string?>("--results") { Description = "Markdown file to put the \"## Operator scale\" section into (e.g. bench/RESULTS.md)." };

        var root = new RootCommand("Operator scale benchmark: the operator as its own process against the local API server, requests from its /metrics.")
        {
            apps, runs, trafficApps, trafficReplicas, interval, quiet, traffic, connections, wrk, timeout, http, logLevel, operatorCommand, operatorArgs, note, results,
        };
        apps.Validators.Add(r => RequireEachInRange(r, "--apps", 1, MaxApps));
        runs.Validators.Add(r => RequireRange(r, "--runs", 1, 20));
        trafficApps.Validators.Add(r => RequireRange(r, "--traffic-apps", 0, 100));
        trafficReplicas.Validators.Add(r => RequireRange(r, "--traffic-replicas", 1, 10));
        interval.Validators.Add(r => RequireRange(r, "--visits-interval-seconds", 1, 600));
        quiet.Validators.Add(r => RequireRange(r, "--quiet-seconds", 1, 3600));
        traffic.Validators.Add(r => RequireRange(r, "--traffic-seconds", 1, 3600));
        connections.Validators.Add(r => RequireRange(r, "--wrk-connections", 1, 100));
        timeout.Validators.Add(r => RequireRange(r, "--timeout-seconds", 1, 3600));

        root.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ScaleSettings
            {
                AppCounts = parse.GetValue(apps)!,
                Runs = parse.GetValue(runs),
                TrafficApps = parse.GetValue(trafficApps),
                TrafficReplicas = parse.GetValue(trafficReplicas),
                VisitsIntervalSeconds = parse.GetValue(interval),
                QuietWindow = TimeSpan.FromSeconds(parse.GetValue(quiet)),
                TrafficWindow = TimeSpan.FromSeconds(parse.GetValue(traffic)),
                WrkConnections = parse.GetValue(connections),
                Wrk = parse.GetValue(wrk)!,
                ConvergenceTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Https = !parse.GetValue(http),
                OperatorLogLevel = parse.GetValue(logLevel).ToString(),
                OperatorCommand = OperatorCommand.Resolve(parse.GetValue(operatorCommand), AppContext.BaseDirectory),
                OperatorArguments = parse.GetValue(operatorArgs)!,
            };
            var command = "dotnet run -c Release --project bench/operator -- " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
            return await RunAsync(settings, command.TrimEnd(), parse.GetValue(note), parse.GetValue(results), cancellationToken);
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

    private static async Task<int> RunAsync(ScaleSettings settings, string command, string? note, string? resultsPath, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.ReadLoadAverage();
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true));
        var scenario = new ScaleScenario(settings, loggerFactory, Console.Out);
        var measured = new List<ScaleResult>();
        foreach (var apps in settings.AppCounts)
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                measured.Add(await scenario.RunAsync(apps, run, cancellationToken));
            }
        }

        var section = ResultsSection.Render(command, started, MachineInfo.Current(), loadBefore, MachineInfo.ReadLoadAverage(), settings, measured, note);
        Console.WriteLine();
        Console.WriteLine(section);
        if (resultsPath is not null)
        {
            await ResultsDocument.WriteAsync(resultsPath, section, cancellationToken);
            Console.WriteLine($"Wrote the \"Operator scale\" section into {resultsPath}.");
        }

        // A run that did not converge is a finding, not a crash: the tables say so, and the exit code lets scripts see it.
        return measured.All(r => r.Convergence.Converged == r.Apps) ? 0 : 1;
    }
}
