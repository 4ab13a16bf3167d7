using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Features;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.Operator.Cli;
using VisitCounter.Operator.Hosting;

namespace VisitCounter.Local;

/// <summary>
/// <c>visitcounter-local</c>: the whole product on one machine, an embedded cluster plus the operator against it.
/// The operator flags apply (<c>--kubeconfig</c>/<c>--context</c> are replaced by the local cluster's own).
/// </summary>
public static class LocalCommand
{
    /// <summary>The data directory when <c>--data-dir</c> is not given, relative to where the user stands.</summary>
    public const string DefaultDataDirectory = ".local";

    /// <summary>Creates the root command with the operator flags and the local cluster's own.</summary>
    public static RootCommand Create()
    {
        var flags = new OperatorCliOptions();
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Where the local cluster keeps objects, volumes, logs and its kubeconfig (relative to the current directory).",
            DefaultValueFactory = _ => DefaultDataDirectory,
        };
        var port = new Option<int>("--port")
        {
            Description = "Port of the local API server (0 picks a free one).",
            DefaultValueFactory = _ => 0,
        };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535.");
            }
        });
        var featureGates = new Option<string>("--feature-gates")
        {
            Description = "Feature gates of the local API server, as kube-apiserver takes them (e.g. MaxUnavailableStatefulSet=true); " +
                "the defaults are those of the Kubernetes version it reports (1.32).",
        };
        featureGates.Validators.Add(r =>
        {
            try
            {
                // Resolve also refuses gates this server does not know, so a typo fails here rather than at start.
                FeatureGates.Resolve(new LocalApiServerOptions { DataDirectory = "." }.ReportedMinorVersion, FeatureGates.Parse(r.GetValueOrDefault<string>() ?? string.Empty));
            }
            catch (FormatException e)
            {
                r.AddError($"--feature-gates: {e.Message}");
            }
        });
        var withoutOperator = new Option<bool>("--without-operator")
        {
            Description = "Run the cluster alone (with the CRD installed), to develop or debug the operator against it.",
        };

        var command = new RootCommand(
            "Start an embedded local cluster (API server, StatefulSet controller, pods as local processes) and run the VisitCounter operator against it.");
        flags.AddTo(command);
        command.Options.Add(dataDir);
        command.Options.Add(port);
        command.Options.Add(featureGates);
        command.Options.Add(withoutOperator);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var parsed = flags.Read(parseResult);
            var operatorOptions = parsed with
            {
                MetricsBindAddress = LoopbackOrFreePort(parseResult, flags.MetricsBindAddress, parsed.MetricsBindAddress),
                HealthProbeBindAddress = LoopbackOrFreePort(parseResult, flags.HealthProbeBindAddress, parsed.HealthProbeBindAddress),
            };
            var options = new LocalOptions
            {
                DataDirectory = parseResult.GetValue(dataDir) ?? DefaultDataDirectory,
                Port = parseResult.GetValue(port),
                FeatureGates = FeatureGates.Parse(parseResult.GetValue(featureGates) ?? string.Empty),
                WithoutOperator = parseResult.GetValue(withoutOperator),
                Operator = operatorOptions,
            };
            using var loggerFactory = LoggerFactory.Create(logging =>
            {
                OperatorHost.ConfigureLogging(logging, options.Operator.LogFormat);

                // The cluster's own components speak up only when something is wrong; the operator's lines are the story.
                logging.SetMinimumLevel(LogLevel.Warning);
            });
            return await new LocalSession(options, Console.Out, loggerFactory).RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Where an operator endpoint listens locally. Not given on the command line: a free port on 127.0.0.1, never
    /// 8080, where kubectl looks for a cluster when <c>KUBECONFIG</c> names a missing file. Given as <c>:port</c>:
    /// that port on 127.0.0.1, since all addresses would include the loopback addresses the local pods listen on.
    /// </summary>
    public static BindAddress? LoopbackOrFreePort(ParseResult parseResult, Option<string> option, BindAddress? parsed)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetResult(option) is null or { Implicit: true })
        {
            return new BindAddress(IPAddress.Loopback, FreeLoopbackPort());
        }

        return parsed is not null && (parsed.Address.Equals(IPAddress.Any) || parsed.Address.Equals(IPAddress.IPv6Any))
            ? parsed with { Address = IPAddress.Loopback }
            : parsed;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
