using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using VisitCounter.Operator.Cli;
using VisitCounter.Operator.Hosting;

namespace VisitCounter.Operator.Local;

/// <summary>
/// <c>local</c>: the whole product on one machine, an embedded cluster plus the operator against it. The operator
/// flags apply (except <c>--kubeconfig</c>/<c>--context</c>, which point at the local cluster).
/// </summary>
public static class LocalCommand
{
    /// <summary>Creates the command with the shared operator flags.</summary>
    public static Command Create(OperatorCliOptions flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Where the local cluster keeps objects, volumes, logs and its kubeconfig.",
            DefaultValueFactory = _ => ".local",
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

        var command = new Command("local", "Start an embedded local cluster (API server, StatefulSet controller, pods as local processes) and run the operator against it.");
        flags.AddTo(command);
        command.Options.Add(dataDir);
        command.Options.Add(port);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new LocalOptions
            {
                DataDirectory = parseResult.GetValue(dataDir) ?? ".local",
                Port = parseResult.GetValue(port),
                Operator = OnLoopback(flags.Read(parseResult)),
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
    /// The default <c>:8080</c>/<c>:8081</c> would take the port on every address, including the loopback addresses
    /// the local pods listen on (127.0.0.2:8080, ...); locally the operator's endpoints stay on 127.0.0.1.
    /// </summary>
    public static OperatorOptions OnLoopback(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            MetricsBindAddress = ToLoopback(options.MetricsBindAddress),
            HealthProbeBindAddress = ToLoopback(options.HealthProbeBindAddress),
        };
    }

    private static BindAddress? ToLoopback(BindAddress? address) =>
        address is not null && (address.Address.Equals(IPAddress.Any) || address.Address.Equals(IPAddress.IPv6Any))
            ? address with { Address = IPAddress.Loopback }
            : address;
}
