using VisitCounter.Operator.Hosting;

namespace VisitCounter.Operator.Local;

/// <summary>What the <c>local</c> command runs: where the cluster keeps its state, and the operator's settings.</summary>
public sealed record LocalOptions
{
    /// <summary>The cluster's data directory (objects, volumes, logs, kubeconfig); a restart on it brings everything back.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The API server's port; 0 picks a free one (the kubeconfig is rewritten at every start).</summary>
    public int Port { get; init; }

    /// <summary>The operator's settings; its kubeconfig is the one the local cluster writes.</summary>
    public required OperatorOptions Operator { get; init; }
}
