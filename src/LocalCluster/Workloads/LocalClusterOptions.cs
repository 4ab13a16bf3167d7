using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Workloads;

/// <summary>Settings of a whole local cluster: the API server and the workload controllers around it.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>Where the cluster keeps everything: API objects, volumes (DATA/volumes), pod logs, revisions.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>API server settings (port, HTTPS, reported version, OpenAPI folder). DataDirectory and PodLogs are set by the cluster.</summary>
    public LocalApiServerOptions? ApiServer { get; init; }

    /// <summary>
    /// Image repository to local program. Null: <c>visitcounter/counter-app</c> runs the counter app found by
    /// <see cref="LocalImage.FindCounterApp"/> and <c>visitcounter/operator</c> the operator found by
    /// <see cref="LocalImage.FindOperator"/>. Images of any other repository stay Pending with ErrImagePull.
    /// </summary>
    public IReadOnlyDictionary<string, LocalImage>? LocalImages { get; init; }

    /// <summary>The kubelet stand-in's settings.</summary>
    public KubeletOptions Kubelet { get; init; } = new();

    /// <summary>Run the StatefulSet controller, garbage collector, provisioner, kubelet and service proxy (default true).</summary>
    public bool RunWorkloads { get; init; } = true;

    /// <summary>The clock of the controllers.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
