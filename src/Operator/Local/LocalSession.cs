using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Operator.Local;

/// <summary>
/// The <c>local</c> command's run: starts the embedded cluster, installs the CRD, runs the operator against it in
/// this process, tells the user what to type next, and on Ctrl-C stops the operator, every pod and the server.
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
                ApiServer = new LocalApiServerOptions { DataDirectory = dataDirectory, Port = options.Port },
            },
            loggerFactory,
            cancellationToken);
        Progress(2, $"API server listening on {cluster.ApiServer.BaseAddress}");

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);
        using var client = new KubernetesClient(configuration, OperatorJson.Options, loggerFactory.CreateLogger<KubernetesClient>());
        Progress(3, "Installing the VisitCounterApp CRD ...");
        await new CrdInstaller(client, TimeProvider.System, loggerFactory.CreateLogger<CrdInstaller>()).InstallAsync(CrdTimeout, cancellationToken);

        Progress(4, "Starting the operator ...");
        var operatorOptions = options.Operator with { Kubeconfig = cluster.KubeconfigPath, Context = null };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var operatorRun = OperatorHost.RunAsync(operatorOptions, configuration, stop.Token);
        var announcer = new ServiceUrlAnnouncer(client, output, loggerFactory.CreateLogger<ServiceUrlAnnouncer>()).RunAsync(stop.Token);

        PrintNextSteps(cluster.KubeconfigPath, operatorOptions);
        var exitCode = await operatorRun;

        // The operator ended (Ctrl-C, or it failed): stop announcing; disposing the cluster stops pods and the server.
        await stop.CancelAsync();
        await announcer;
        output.WriteLine("Stopping the local cluster (pods get SIGTERM; state stays in the data directory) ...");
        return exitCode;
    }

    private void Progress(int step, string message) => output.WriteLine($"[{step}/4] {message}");

    private void PrintNextSteps(string kubeconfigPath, OperatorOptions operatorOptions)
    {
        var samples = Path.Combine("config", "samples");
        output.WriteLine();
        output.WriteLine("The local cluster and the operator are running. In another terminal:");
        output.WriteLine();
        output.WriteLine($"  export KUBECONFIG={kubeconfigPath}");
        output.WriteLine($"  kubectl apply -f {Path.Combine(samples, "visitcounter_v1alpha1_visitcounterapp_parallel.yaml")}");
        output.WriteLine("  kubectl get vca -w");
        output.WriteLine("  kubectl get statefulsets,services,pvc,pods");
        output.WriteLine("  kubectl describe vca");
        output.WriteLine();
        if (operatorOptions.MetricsBindAddress is { } metrics)
        {
            output.WriteLine($"Operator metrics: http://{metrics}/metrics");
        }

        output.WriteLine("Service addresses are printed below as the operator creates them. Ctrl-C stops everything.");
        output.WriteLine();
        output.Flush();
    }
}
