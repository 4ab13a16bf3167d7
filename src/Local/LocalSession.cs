using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Local;

/// <summary>
/// One run of <c>visitcounter-local</c>: starts the embedded cluster, installs the CRD, runs the operator against it
/// in this process (unless <see cref="LocalOptions.WithoutOperator"/>), tells the user what to type next, and on
/// Ctrl-C stops the operator, every pod and the server.
/// </summary>
public sealed class LocalSession(LocalOptions options, TextWriter output, ILoggerFactory loggerFactory)
{
    private static readonly TimeSpan CrdTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (Ctrl-C / SIGTERM); returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Progress(1, $"Starting the local cluster in {dataDirectory} ...");
        await using var cluster = await LocalClusterHost.StartAsync(
            new LocalClusterOptions
            {
                DataDirectory = dataDirectory,
                ApiServer = new LocalApiServerOptions { DataDirectory = dataDirectory, Port = options.Port, FeatureGates = options.FeatureGates },
            },
            loggerFactory,
            cancellationToken);
        Progress(2, $"API server listening on {cluster.ApiServer.BaseAddress}");

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);
        using var client = new KubernetesClient(configuration, OperatorJson.Options, loggerFactory.CreateLogger<KubernetesClient>());
        Progress(3, "Installing the VisitCounterApp CRD ...");
        await new CrdInstaller(client, TimeProvider.System, loggerFactory.CreateLogger<CrdInstaller>()).InstallAsync(CrdTimeout, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var announcer = new ServiceUrlAnnouncer(client, output, loggerFactory.CreateLogger<ServiceUrlAnnouncer>()).RunAsync(stop.Token);
        int exitCode;
        if (options.WithoutOperator)
        {
            Progress(4, "Not starting the operator (--without-operator).");
            PrintNextSteps(cluster.KubeconfigPath, null);
            exitCode = await WaitForStopAsync(cancellationToken);
        }
        else
        {
            Progress(4, "Starting the operator ...");
            var operatorOptions = options.Operator with { Kubeconfig = cluster.KubeconfigPath, Context = null };
            var operatorRun = OperatorHost.RunAsync(operatorOptions, configuration, stop.Token);
            PrintNextSteps(cluster.KubeconfigPath, operatorOptions);
            exitCode = await operatorRun;
        }

        // Ctrl-C, or the operator failed: stop announcing; disposing the cluster stops pods and the server.
        await stop.CancelAsync();
        await announcer;
        output.WriteLine("Stopping the local cluster (pods get SIGTERM; state stays in the data directory) ...");
        return exitCode;
    }

    private static async Task<int> WaitForStopAsync(CancellationToken cancellationToken)
    {
        // With the operator, its host turns SIGTERM/SIGINT into a graceful stop; alone, the session listens itself.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the normal end of a session.
        }

        return 0;
    }

    private void Progress(int step, string message) => output.WriteLine($"[{step}/4] {message}");

    private void PrintNextSteps(string kubeconfigPath, OperatorOptions? operatorOptions)
    {
        var samples = Path.Combine("config", "samples");
        output.WriteLine();
        output.WriteLine(operatorOptions is null
            ? "The local cluster is running, without an operator. In another terminal:"
            : "The local cluster and the operator are running. In another terminal:");
        output.WriteLine();
        output.WriteLine($"  export KUBECONFIG={RelativeToHere(kubeconfigPath)}");
        if (operatorOptions is null)
        {
            // The operator as a pod, installed as on any cluster (the kubelet runs visitcounter/operator), or from here;
            // the pods listen on 127.0.0.x:8080, so a host operator's endpoints must not take :8080 on every address.
            output.WriteLine("  kubectl apply -k config/default     # or: helm install visitcounter-operator charts/visitcounter-operator -n visitcounter-system --create-namespace");
            output.WriteLine($"  # or: dotnet run --project src/Operator -- run --metrics-bind-address {options.Operator.MetricsBindAddress?.ToString() ?? "0"} --health-probe-bind-address {options.Operator.HealthProbeBindAddress?.ToString() ?? "0"}");
        }

        output.WriteLine($"  kubectl apply -f {Path.Combine(samples, "visitcounter_v1alpha1_visitcounterapp_parallel.yaml")}");
        output.WriteLine("  kubectl get vca -w");
        output.WriteLine("  kubectl get statefulsets,services,pvc,pods");
        output.WriteLine("  kubectl describe vca");
        output.WriteLine();
        if (operatorOptions?.MetricsBindAddress is { } metrics)
        {
            output.WriteLine($"Operator metrics: http://{metrics}/metrics");
        }

        if (operatorOptions?.HealthProbeBindAddress is { } health)
        {
            output.WriteLine($"Operator probes:  http://{health}/healthz  http://{health}/readyz");
        }

        output.WriteLine("Service addresses are printed below as they appear. Ctrl-C stops everything.");
        output.WriteLine();
        output.Flush();
    }

    /// <summary><c>$PWD/.local/kubeconfig</c> when the data is under the current directory, so the line can be pasted anywhere below it too.</summary>
    private static string RelativeToHere(string path)
    {
        var here = Directory.GetCurrentDirectory();
        var relative = Path.GetRelativePath(here, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : $"$PWD/{relative}";
    }
}
