using System.Text.Json.Nodes;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Drift;
using VisitCounter.Operator.Serialization;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// Creates a missing child or restores the fields of a drifted one, and does nothing when the live object already
/// says what we want: the write-avoidance that makes steady state free.
/// </summary>
public sealed class ChildWriter(IKubernetesClient client, IAppEvents events)
{
    /// <summary>What happened to one child.</summary>
    public enum Result
    {
        /// <summary>Already as desired; nothing written.</summary>
        Unchanged,

        /// <summary>Created.</summary>
        Created,

        /// <summary>Updated to undo drift.</summary>
        Updated,

        /// <summary>Being deleted; wait for it to go.</summary>
        Terminating,
    }

    /// <summary>
    /// Makes <paramref name="live"/> (null when missing) match <paramref name="desired"/>. Fields named in
    /// <paramref name="ignoredPaths"/> (immutable ones handled elsewhere) are neither compared nor written.
    /// </summary>
    /// <returns>The result, or a problem when the object belongs to another controller.</returns>
    public async Task<(Result Result, Problem? Problem)> EnsureAsync<T>(
        VisitCounterApp app,
        T desired,
        T? live,
        ReconcileActions actions,
        IReadOnlyList<string[]> ignoredPaths,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(ignoredPaths);
        var kind = desired.Kind;
        var name = desired.Metadata.Name!;
        if (live is null)
        {
            await client.CreateAsync(desired, cancellationToken);
            actions.Add($"created {kind} {name}");
            await events.NormalAsync(app, "Created", $"Created {kind} {name}", cancellationToken);
            return (Result.Created, null);
        }

        if (Ownership.ControllerOf(live.Metadata) is { } owner && !string.Equals(owner.Uid, app.Metadata.Uid, StringComparison.Ordinal))
        {
            return (Result.Unchanged, new Problem(
                "ChildOwnedByOther",
                $"{kind} {name} already exists and is controlled by {owner.Kind} {owner.Name}; delete it or give the VisitCounterApp another name."));
        }

        if (live.Metadata.DeletionTimestamp is not null)
        {
            actions.Add($"waiting for {kind} {name} to be deleted");
            return (Result.Terminating, null);
        }

        var desiredNode = OperatorJson.ToNode(desired);
        foreach (var path in ignoredPaths)
        {
            Remove(desiredNode, path);
        }

        var liveNode = OperatorJson.ToNode(live);
        var difference = SemanticComparer.FirstDifference(desiredNode, liveNode);
        if (difference is null)
        {
            return (Result.Unchanged, null);
        }

        // A full update carrying the live resourceVersion: if someone wrote in between, the server answers 409 and
        // the reconcile is retried with fresh state instead of overwriting their change blindly.
        var merged = OperatorJson.FromNode<T>(JsonMerge.Overlay(liveNode, desiredNode));
        await client.UpdateAsync(merged, cancellationToken);
        actions.Add($"updated {kind} {name} ({difference})");
        await events.NormalAsync(app, "Updated", $"Updated {kind} {name} to match the VisitCounterApp ({difference} differed)", cancellationToken);
        return (Result.Updated, null);
    }

    private static void Remove(JsonObject root, string[] path)
    {
        JsonObject? parent = root;
        for (var i = 0; i < path.Length - 1 && parent is not null; i++)
        {
            parent = parent[path[i]] as JsonObject;
        }

        parent?.Remove(path[^1]);
    }
}
