namespace VisitCounter.Operator.Controller;

/// <summary>What one reconcile did, in order, for its single log line ("none" in steady state).</summary>
public sealed class ReconcileActions
{
    private readonly List<string> actions = [];

    /// <summary>The actions so far.</summary>
    public IReadOnlyList<string> All => actions;

    /// <summary>Records an action.</summary>
    public void Add(string action) => actions.Add(action);

    /// <inheritdoc />
    public override string ToString() => actions.Count == 0 ? "none" : string.Join("; ", actions);
}
