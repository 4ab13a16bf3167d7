using System.CommandLine;
using System.CommandLine.Parsing;
using VisitCounter.Operator.Hosting;

namespace VisitCounter.Operator.Cli;

/// <summary>
/// The flags of the operator process. One instance is shared by the root command (where <c>run</c> is the default),
/// the <c>run</c> command and <c>visitcounter-local</c> (src/Local), so the flags are spelled and validated in one place.
/// </summary>
public sealed class OperatorCliOptions
{
    /// <summary><c>--kubeconfig</c>.</summary>
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Path to a kubeconfig file (default: $KUBECONFIG, ~/.kube/config, then in-cluster).",
    };

    /// <summary><c>--context</c>.</summary>
    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context to use instead of the current one.",
    };

    /// <summary><c>--namespace</c>.</summary>
    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "Watch only this namespace (default: all namespaces).",
    };

    /// <summary><c>--app-image</c>.</summary>
    public Option<string> AppImage { get; } = new("--app-image")
    {
        Description = "Counter-app image for VisitCounterApps that leave spec.image empty.",
        DefaultValueFactory = _ => OperatorDefaults.AppImage,
    };

    /// <summary><c>--leader-elect</c>.</summary>
    public Option<bool> LeaderElect { get; } = new("--leader-elect")
    {
        Description = "Hold a coordination.k8s.io Lease so only one operator replica reconciles.",
    };

    /// <summary><c>--max-concurrent-reconciles</c>.</summary>
    public Option<int> MaxConcurrentReconciles { get; } = new("--max-concurrent-reconciles")
    {
        Description = "How many VisitCounterApps are reconciled at the same time.",
        DefaultValueFactory = _ => OperatorDefaults.MaxConcurrentReconciles,
    };

    /// <summary><c>--kube-api-qps</c>.</summary>
    public Option<double> KubeApiQps { get; } = new("--kube-api-qps")
    {
        Description = "API requests per second the operator may send after the burst (client-side rate limit).",
        DefaultValueFactory = _ => OperatorDefaults.KubeApiQps,
    };

    /// <summary><c>--kube-api-burst</c>.</summary>
    public Option<int> KubeApiBurst { get; } = new("--kube-api-burst")
    {
        Description = "API requests the operator may send at once before --kube-api-qps applies.",
        DefaultValueFactory = _ => OperatorDefaults.KubeApiBurst,
    };

    /// <summary><c>--kube-api-events-qps</c>.</summary>
    public Option<double> KubeApiEventsQps { get; } = new("--kube-api-events-qps")
    {
        Description = "Events per second the operator may write after the burst, on a rate limit of their own (events never delay reconcile requests).",
        DefaultValueFactory = _ => OperatorDefaults.KubeApiEventsQps,
    };

    /// <summary><c>--kube-api-events-burst</c>.</summary>
    public Option<int> KubeApiEventsBurst { get; } = new("--kube-api-events-burst")
    {
        Description = "Events the operator may write at once before --kube-api-events-qps applies.",
        DefaultValueFactory = _ => OperatorDefaults.KubeApiEventsBurst,
    };

    /// <summary><c>--metrics-bind-address</c>.</summary>
    public Option<string> MetricsBindAddress { get; } = new("--metrics-bind-address")
    {
        Description = "Address of the Prometheus /metrics endpoint (host:port, :port, or 0 to disable).",
        DefaultValueFactory = _ => OperatorDefaults.MetricsBindAddress,
    };

    /// <summary><c>--health-probe-bind-address</c>.</summary>
    public Option<string> HealthProbeBindAddress { get; } = new("--health-probe-bind-address")
    {
        Description = "Address of /healthz and /readyz (host:port, :port, or 0 to disable).",
        DefaultValueFactory = _ => OperatorDefaults.HealthProbeBindAddress,
    };

    /// <summary><c>--log-format</c>.</summary>
    public Option<LogFormat> LogFormat { get; } = new("--log-format")
    {
        Description = "Log line format: text or json.",
        DefaultValueFactory = _ => Hosting.LogFormat.Text,
    };

    /// <summary>Creates the options and their validators.</summary>
    public OperatorCliOptions()
    {
        MaxConcurrentReconciles.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-concurrent-reconciles must be at least 1.");
            }
        });
        KubeApiQps.Validators.Add(result => ValidateQps(result, OperatorDefaults.KubeApiQps));
        KubeApiBurst.Validators.Add(result => ValidateBurst(result, OperatorDefaults.KubeApiBurst));
        KubeApiEventsQps.Validators.Add(result => ValidateQps(result, OperatorDefaults.KubeApiEventsQps));
        KubeApiEventsBurst.Validators.Add(result => ValidateBurst(result, OperatorDefaults.KubeApiEventsBurst));
        MetricsBindAddress.Validators.Add(ValidateBindAddress);
        HealthProbeBindAddress.Validators.Add(ValidateBindAddress);
    }

    /// <summary>Adds every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] all =
        [
            Kubeconfig, Context, Namespace, AppImage, LeaderElect, MaxConcurrentReconciles, KubeApiQps, KubeApiBurst,
            KubeApiEventsQps, KubeApiEventsBurst, MetricsBindAddress, HealthProbeBindAddress, LogFormat,
        ];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the parsed flags. Call only after the validators passed (System.CommandLine runs them before the action).</summary>
    public OperatorOptions Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new OperatorOptions
        {
            Kubeconfig = parseResult.GetValue(Kubeconfig),
            Context = parseResult.GetValue(Context),
            Namespace = parseResult.GetValue(Namespace),
            AppImage = parseResult.GetValue(AppImage) ?? OperatorDefaults.AppImage,
            LeaderElect = parseResult.GetValue(LeaderElect),
            MaxConcurrentReconciles = parseResult.GetValue(MaxConcurrentReconciles),
            KubeApiQps = parseResult.GetValue(KubeApiQps),
            KubeApiBurst = parseResult.GetValue(KubeApiBurst),
            KubeApiEventsQps = parseResult.GetValue(KubeApiEventsQps),
            KubeApiEventsBurst = parseResult.GetValue(KubeApiEventsBurst),
            MetricsBindAddress = ParseValidated(parseResult.GetValue(MetricsBindAddress)),
            HealthProbeBindAddress = ParseValidated(parseResult.GetValue(HealthProbeBindAddress)),
            LogFormat = parseResult.GetValue(LogFormat),
        };
    }

    private static void ValidateQps(OptionResult result, double defaultQps)
    {
        var qps = result.GetValueOrDefault<double>();
        if (!(qps > 0) || double.IsInfinity(qps))
        {
            result.AddError($"{result.Option.Name} must be a number greater than 0 (was {qps}); the default is {defaultQps}.");
        }
    }

    private static void ValidateBurst(OptionResult result, int defaultBurst)
    {
        if (result.GetValueOrDefault<int>() < 1)
        {
            result.AddError($"{result.Option.Name} must be at least 1; the default is {defaultBurst}.");
        }
    }

    private static void ValidateBindAddress(OptionResult result)
    {
        var text = result.GetValueOrDefault<string>() ?? string.Empty;
        if (!BindAddress.TryParse(text, out _, out var error))
        {
            result.AddError($"{result.Option.Name}: {error}.");
        }
    }

    private static BindAddress? ParseValidated(string? text)
    {
        return BindAddress.TryParse(text ?? "0", out var address, out _)
            ? address?.InPod(Environment.GetEnvironmentVariable(BindAddress.PodAddressVariable))
            : null;
    }
}
