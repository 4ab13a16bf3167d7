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
        var ns = desired.Metadata.Namespace;

        // The cache only holds objects labelled as ours, and a child we just created may not have arrived yet. Applying
        // blindly could take over an object someone else created under this name, so a missing child is looked up once.
        var live = cached ?? await client.GetAsync<T>(name, ns, cancellationToken);
        if (live is not null)
        {
            if (Ownership.ControllerOf(live.Metadata) is { } owner && !string.Equals(owner.Uid, app.Metadata.Uid, StringComparison.Ordinal))
            {
                return ApplyOutcome.Blocked(new Problem(
                    "ChildOwnedByOther",
                    $"{metadata.Kind} {name} already exists and is controlled by {owner.Kind} {owner.Name}; delete it or give the VisitCounterApp another name."));
            }

            if (live.Metadata.DeletionTimestamp is not null)
            {
                actions.Add($"waiting for {metadata.Kind} {name} to be deleted");
                return new ApplyOutcome(ApplyResult.Terminating, null, []);
            }
        }

        var body = ApplyBody(desired, live, metadata, immutablePaths, omittedPaths);

        // apiVersion and kind only address the apply; list items (and so cached objects) may come without them.
        var owned = (JsonObject)body.DeepClone();
        owned.Remove("apiVersion");
        owned.Remove("kind");
        string? difference = null;
        if (live is not null)
        {
            difference = SemanticComparer.FirstDifference(owned, OperatorJson.ToNode(live));
            if (difference is null)
            {
                return new ApplyOutcome(ApplyResult.Unchanged, null, []);
            }
        }

        var stored = await client.PatchAsync<T>(name, ns, KubernetesPatch.Apply(body.ToJsonString(), FieldManager, force: true), cancellationToken);
        var dropped = SemanticComparer.MissingFields(owned, OperatorJson.ToNode(stored))
            .Select(path => DroppedFields.Describe(metadata.Kind, path))
            .ToList();
        if (live is null)
        {
            actions.Add($"created {metadata.Kind} {name}");
            await events.NormalAsync(app, "Created", $"Created {metadata.Kind} {name}", cancellationToken);
            return new ApplyOutcome(ApplyResult.Created, null, dropped);
        }

        actions.Add($"applied {metadata.Kind} {name} ({difference})");
        await events.NormalAsync(app, "Updated", $"Updated {metadata.Kind} {name} to match the VisitCounterApp ({difference} differed)", cancellationToken);
        return new ApplyOutcome(ApplyResult.Updated, null, dropped);
    }

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
