using Microsoft.Extensions.DependencyInjection;
using VisitCounter.Kube.Client;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Operator.Tests.Integration;

/// <summary>A cluster whose API server runs a policy engine's mutation on every pod template (label, toleration, pull secret).</summary>
public sealed class MutatingAdmissionClusterFixture : OperatorClusterFixture
{
    /// <inheritdoc />
    protected override LocalClusterOptions ClusterOptions(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        ApiServer = new LocalApiServerOptions { DataDirectory = dataDirectory, MutatingAdmission = [new PodTemplateInjection()] },
    };
}

/// <summary>The operator behind <see cref="FaultInjectingClient"/>: 20 % of its requests fail with 500, 429 or a reset.</summary>
public sealed class FaultyOperatorClusterFixture : OperatorClusterFixture
{
    /// <summary>The faulty client of the running operator.</summary>
    public FaultInjectingClient? Faults { get; private set; }

    /// <inheritdoc />
    protected override void ConfigureOperator(IServiceCollection services) =>
        services.AddSingleton<IKubernetesClient>(sp =>
            Faults = new FaultInjectingClient(new KubernetesClient(sp.GetRequiredService<KubernetesClientConfiguration>(), OperatorJson.Options), failureRate: 0.2, seed: 8));
}
