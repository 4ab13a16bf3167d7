using VisitCounter.Operator.Hosting;

namespace VisitCounter.Local;

/// <summary>What <c>visitcounter-local</c> runs: where the cluster keeps its state, and the operator's settings.</summary>
public sealed record LocalOptions
{
    /// <summary>The cluster's data directory (objects, volumes, logs, kubeconfig); a restart on it brings everything back.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The API server's port; 0 picks a free one (the kubeconfig is rewritten at every start).</summary>
    public int Port { get; init; }

    /// <summary>Explicit feature gates of the API server (<c>--feature-gates</c>) on top of its version's defaults.</summary>
    public IReadOnlyDictionary<string, bool> FeatureGates { get; init; } = new Dictionary<string, bool>();

    /// <summary>Run the cluster alone: no operator in this process (run one against the kubeconfig instead).</summary>
    public bool WithoutOperator { get; init; }

    /// <summary>The operator's settings; its kubeconfig is the one the local cluster writes.</summary>
    public required OperatorOptions Operator { get; init; }
}
