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
/// Brings one child in line by server-side apply (field manager <see cref="FieldManager"/>, <c>force: true</c>), as
/// controller-runtime users do: the body is the desired object, only the fields the operator owns, and the server merges
/// lists by their keys, so what other actors add (a webhook's label, toleration, pull secret or sidecar) stays theirs.
/// Nothing is sent when every field we own already has the value we would apply: the write-avoidance that makes steady
/// state free. The apply's response shows any field the server did not keep.
/// </summary>
public sealed class ChildApplier(IKubernetesClient client, IAppEvents events)
{
    /// <summary>The field manager of every apply.</summary>
    public const string FieldManager = "visitcounter-operator";

    /// <summary>
    /// Makes the child match <paramref name="desired"/>. <paramref name="cached"/> is the informer's copy (null when the
    /// cache has none). Fields at <paramref name="immutablePaths"/> are not compared (they are handled by re-creation) and
    /// are applied with their live value; <paramref name="omittedPaths"/> (fields the server is known to drop) are
    /// neither compared nor applied.
    /// </summary>
    public async Task<ApplyOutcome> ApplyAsync<T>(
        VisitCounterApp app,
        T desired,
        T? cached,
        IReadOnlyList<string> immutablePaths,
        IReadOnlyList<string> omittedPaths,
        ReconcileActions actions,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(immutablePaths);
        ArgumentNullException.ThrowIfNull(omittedPaths);
        ArgumentNullException.ThrowIfNull(actions);
        var metadata = EntityMetadata.For<T>();
        var name = desired.Metadata.Name!;
        if (cached is null)
        {
            return await CreateAsync(app, desired, metadata, omittedPaths, actions, cancellationToken);
        }

        if (Blocked(app, cached, metadata) is { } blocked)
        {
            return blocked;
        }

        if (cached.Metadata.DeletionTimestamp is not null)
        {
            actions.Add($"waiting for {metadata.Kind} {name} to be deleted");
            return new ApplyOutcome(ApplyResult.Terminating, null, []);
        }

        var body = ApplyBody(desired, cached, metadata, immutablePaths, omittedPaths);
        var owned = Owned(body);
        var difference = SemanticComparer.FirstDifference(owned, OperatorJson.ToNode(cached));
        if (difference is null)
        {
            return new ApplyOutcome(ApplyResult.Unchanged, null, []);
        }

        var stored = await client.PatchAsync<T>(name, desired.Metadata.Namespace, Patch(body), cancellationToken);
        actions.Add($"applied {metadata.Kind} {name} ({difference})");
        await events.NormalAsync(app, "Updated", $"Updated {metadata.Kind} {name} to match the VisitCounterApp ({difference} differed)", cancellationToken);
        return new ApplyOutcome(ApplyResult.Updated, null, Dropped(owned, stored, metadata), stored);
    }

    /// <summary>
    /// A child the cache does not hold is applied at once: the apply creates it (201), so creating an app costs one
    /// request per child and no read. The cache holds only objects labelled as ours, so the name may still be taken:
    /// by a child we created whose watch event has not arrived yet (the apply changes nothing, 200), by an object nobody
    /// controls (it is adopted, as a ReplicaSet adopts orphaned pods), or by an object another controller controls. The
    /// last is refused by the server itself (an object may have one controller reference), and only then is the object
    /// read, to name its owner.
    /// </summary>
    private async Task<ApplyOutcome> CreateAsync<T>(
        VisitCounterApp app, T desired, EntityMetadata metadata, IReadOnlyList<string> omittedPaths, ReconcileActions actions, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var name = desired.Metadata.Name!;
        var ns = desired.Metadata.Namespace;
        var body = ApplyBody(desired, null, metadata, [], omittedPaths);
        AppliedObject<T> applied;
        try
        {
            applied = await client.ApplyAsync<T>(name, ns, Patch(body), cancellationToken);
        }
        catch (InvalidException invalid) when (invalid.Causes.Any(c => c.Field == "metadata.ownerReferences"))
        {
            var live = await client.GetAsync<T>(name, ns, cancellationToken);
            if (live is not null && Blocked(app, live, metadata) is { } blocked)
            {
                return blocked;
            }

            throw;
        }

        var dropped = Dropped(Owned(body), applied.Object, metadata);
        if (applied.Object.Metadata.DeletionTimestamp is not null)
        {
            // An object of this name is on its way out (the cache had not seen it); the next reconcile creates ours.
            actions.Add($"waiting for {metadata.Kind} {name} to be deleted");
            return new ApplyOutcome(ApplyResult.Terminating, null, dropped);
        }

        if (!applied.Created)
        {
            // It existed: ours, created by an earlier reconcile the cache has not caught up with (nothing changed), or
            // an uncontrolled object now adopted. Either way it is in line now; no Created event for it.
            actions.Add($"applied {metadata.Kind} {name} (not yet in the cache)");
            return new ApplyOutcome(ApplyResult.Updated, null, dropped);
        }

        actions.Add($"created {metadata.Kind} {name}");
        await events.NormalAsync(app, "Created", $"Created {metadata.Kind} {name}", cancellationToken);
        return new ApplyOutcome(ApplyResult.Created, null, dropped);
    }

    /// <summary>The problem when another controller owns <paramref name="live"/>; null when it is ours or nobody's.</summary>
    private static ApplyOutcome? Blocked<T>(VisitCounterApp app, T live, EntityMetadata metadata)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (Ownership.ControllerOf(live.Metadata) is not { } owner || string.Equals(owner.Uid, app.Metadata.Uid, StringComparison.Ordinal))
        {
            return null;
        }

        return ApplyOutcome.Blocked(new Problem(
            "ChildOwnedByOther",
            $"{metadata.Kind} {live.Metadata.Name} already exists and is controlled by {owner.Kind} {owner.Name}; delete it or give the VisitCounterApp another name."));
    }

    private static KubernetesPatch Patch(JsonObject body) => KubernetesPatch.Apply(body.ToJsonString(), FieldManager, force: true);

    /// <summary>The fields we own: the body without apiVersion and kind, which only address the apply (list items, and so cached objects, may come without them).</summary>
    private static JsonObject Owned(JsonObject body)
    {
        var owned = (JsonObject)body.DeepClone();
        owned.Remove("apiVersion");
        owned.Remove("kind");
        return owned;
    }

    /// <summary>The applied fields the server did not keep.</summary>
    private static List<DroppedFieldStatus> Dropped<T>(JsonObject owned, T stored, EntityMetadata metadata)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        SemanticComparer.MissingFields(owned, OperatorJson.ToNode(stored))
            .Select(path => DroppedFields.Describe(metadata.Kind, path))
            .ToList();

    /// <summary>The apply body: the desired object with apiVersion and kind, immutable fields as they are, omitted fields left out.</summary>
    public static JsonObject ApplyBody<T>(T desired, T? live, EntityMetadata metadata, IReadOnlyList<string> immutablePaths, IReadOnlyList<string> omittedPaths)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var body = OperatorJson.ToNode(desired);
        body["apiVersion"] = metadata.ApiVersion;
        body["kind"] = metadata.Kind;
        if (live is not null)
        {
            var liveNode = OperatorJson.ToNode(live);
            foreach (var path in immutablePaths)
            {
                // An immutable field we would change (a refused storage change) is applied as it is: the apply must still
                // name it, or the server would take it as "no longer ours" and try to remove it.
                KeepLiveValue(body, liveNode, path);
            }
        }

        foreach (var path in omittedPaths)
        {
            FieldPath.Remove(body, path);
        }

        return body;
    }

    private static void KeepLiveValue(JsonObject body, JsonObject live, string path)
    {
        var segments = path.Split('.');
        JsonObject? bodyParent = body;
        JsonObject? liveParent = live;
        for (var i = 0; i < segments.Length - 1 && bodyParent is not null; i++)
        {
            bodyParent = bodyParent[segments[i]] as JsonObject;
            liveParent = liveParent?[segments[i]] as JsonObject;
        }

        var key = segments[^1];
        if (bodyParent is null || liveParent?[key] is not { } liveValue || SemanticComparer.IsSatisfiedBy(bodyParent[key], liveValue))
        {
            return;
        }

        bodyParent[key] = liveValue.DeepClone();
    }
}
