using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Status;
using VisitCounter.Operator.Storage;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// Keeps the StatefulSet in line with the spec. Mutable fields are applied in place; fields the API server will not
/// change (claim templates, pod management policy, service name) are changed by deleting the StatefulSet with
/// <c>propagationPolicy: Orphan</c> and creating it again, which leaves pods and volumes untouched.
/// </summary>
public sealed class StatefulSetReconciler(IKubernetesClient client, IAppEvents events, ChildApplier applier, ChildCaches caches)
{
    /// <summary>How soon to look again while a StatefulSet is being deleted and re-created.</summary>
    public static readonly TimeSpan RecreatePollInterval = TimeSpan.FromSeconds(1);

    // Immutable on a real API server; compared by the storage decision or the re-create check instead of drift.
    private static readonly string[] ImmutablePaths =
    [
        "spec.selector",
        "spec.volumeClaimTemplates",
        "spec.serviceName",
        "spec.podManagementPolicy",
    ];

    /// <summary>
    /// Creates, applies, resizes or re-creates the StatefulSet of <paramref name="app"/>; <paramref name="omittedPaths"/>
    /// are fields the server is known to drop, left out of the apply.
    /// </summary>
    public async Task<ChildrenOutcome> ReconcileAsync(
        VisitCounterApp app, EffectiveSpec spec, V1StatefulSet desired, IReadOnlyList<string> omittedPaths, ReconcileActions actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actions);
        var ns = app.Metadata.Namespace;
        var pending = PendingStorageResize.Read(app.Metadata);
        var live = caches.StatefulSets.Get(desired.Metadata.Name!, ns);

        if (live is null)
        {
            // A restarted operator may find the StatefulSet already deleted mid-resize: the claims must grow before
            // the new StatefulSet's pods mount them.
            if (pending is not null)
            {
                await ExpandClaimsAsync(app, spec.Storage.Size, actions, cancellationToken);
            }

            var created = await applier.ApplyAsync(app, desired, null, ImmutablePaths, omittedPaths, actions, cancellationToken);
            var waiting = pending is not null || created.Result == ApplyResult.Terminating;
            return new ChildrenOutcome(created.Problem, pending is not null, waiting ? RecreatePollInterval : null, created.Dropped);
        }

        if (live.Metadata.DeletionTimestamp is not null)
        {
            actions.Add($"waiting for StatefulSet {live.Metadata.Name} to be deleted");
            return new ChildrenOutcome(null, pending is not null, RecreatePollInterval, []);
        }

        var change = await DecideStorageAsync(spec, live, cancellationToken);
        if (change is StorageChange.Grow || NeedsRecreate(live, desired) is not null)
        {
            // Deleting and re-creating acts on what the cache showed. A stale copy (a resize another replica or an
            // earlier run already finished) would delete a StatefulSet that is fine, so decide again on the server's copy.
            live = await client.GetAsync<V1StatefulSet>(desired.Metadata.Name!, ns, cancellationToken);
            if (live is null || live.Metadata.DeletionTimestamp is not null)
            {
                return new ChildrenOutcome(null, pending is not null, RecreatePollInterval, []);
            }

            change = await DecideStorageAsync(spec, live, cancellationToken);
        }

        switch (change)
        {
            case StorageChange.Grow grow:
                await GrowAsync(app, live, grow, pending, actions, cancellationToken);
                return new ChildrenOutcome(null, true, RecreatePollInterval, []);
            case StorageChange.None when pending is not null:
                await SetPendingResizeAsync(app, null, cancellationToken);
                actions.Add($"storage resize to {pending} finished");
                await events.NormalAsync(app, "StorageResized", $"Volumes now request {spec.Storage.Size}; the StatefulSet was re-created with the new claim template", cancellationToken);
                break;
        }

        var problem = change is StorageChange.Refused refused ? new Problem(refused.Reason, refused.Message) : null;
        if (NeedsRecreate(live, desired) is { } field)
        {
            await DeleteForRecreateAsync(app, live, field, actions, cancellationToken);
            return new ChildrenOutcome(problem, false, RecreatePollInterval, []);
        }

        var applied = await applier.ApplyAsync(app, desired, live, ImmutablePaths, omittedPaths, actions, cancellationToken);
        if (applied.Result == ApplyResult.Updated && live.Spec?.Replicas != desired.Spec?.Replicas)
        {
            await events.NormalAsync(app, "Scaled", string.Create(CultureInfo.InvariantCulture, $"Scaled StatefulSet {live.Metadata.Name} from {live.Spec?.Replicas} to {desired.Spec?.Replicas} replicas"), cancellationToken);
        }

        return new ChildrenOutcome(
            applied.Problem ?? problem, false, applied.Result == ApplyResult.Terminating ? RecreatePollInterval : null, applied.Dropped, applied.Stored as V1StatefulSet);
    }

    private async Task<StorageChange> DecideStorageAsync(EffectiveSpec spec, V1StatefulSet live, CancellationToken cancellationToken)
    {
        var liveTemplate = live.Spec?.VolumeClaimTemplates?.FirstOrDefault(t => t.Metadata.Name == ChildNames.DataVolume);
        return liveTemplate is null
            ? new StorageChange.Refused(StorageChangeDecision.UnreadableTemplate, $"StatefulSet {live.Metadata.Name} has no '{ChildNames.DataVolume}' volume claim template; delete it so the operator re-creates it (pods and volumes stay).")
            : await DecideStorageAsync(spec.Storage, liveTemplate, cancellationToken);
    }

    private async Task<StorageChange> DecideStorageAsync(EffectiveStorage storage, V1PersistentVolumeClaim liveTemplate, CancellationToken cancellationToken)
    {
        // Look the class up only when a growth actually needs its allowVolumeExpansion: steady state reads nothing extra.
        var change = StorageChangeDecision.Decide(storage, liveTemplate, storageClass: null);
        if (change is StorageChange.Refused { Reason: StorageChangeDecision.ExpansionNotAllowed })
        {
            var storageClass = await FindStorageClassAsync(liveTemplate.Spec?.StorageClassName, cancellationToken);
            change = StorageChangeDecision.Decide(storage, liveTemplate, storageClass);
        }

        return change;
    }

    private async Task<V1StorageClass?> FindStorageClassAsync(string? name, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(name))
        {
            return await client.GetAsync<V1StorageClass>(name, null, cancellationToken);
        }

        var classes = await client.ListAllAsync<V1StorageClass>(null, null, cancellationToken);
        return classes.Items.FirstOrDefault(c =>
            c.Metadata.Annotations?.TryGetValue("storageclass.kubernetes.io/is-default-class", out var isDefault) == true
            && string.Equals(isDefault, "true", StringComparison.OrdinalIgnoreCase));
    }

    private async Task GrowAsync(VisitCounterApp app, V1StatefulSet live, StorageChange.Grow grow, string? pending, ReconcileActions actions, CancellationToken cancellationToken)
    {
        var target = grow.To.ToString();

        // Recorded first: if the operator stops anywhere after this, the next one sees the annotation and finishes.
        if (!string.Equals(pending, target, StringComparison.Ordinal))
        {
            await SetPendingResizeAsync(app, target, cancellationToken);
            actions.Add($"recorded pending storage resize to {target}");
            await events.NormalAsync(app, "StorageResizing", $"Growing volumes from {grow.From} to {grow.To}: expanding each PVC and re-creating the StatefulSet (pods and data stay)", cancellationToken);
        }

        await ExpandClaimsAsync(app, grow.To, actions, cancellationToken);
        await DeleteForRecreateAsync(app, live, "spec.volumeClaimTemplates", actions, cancellationToken);
    }

    /// <summary>
    /// Deletes the StatefulSet so that a later reconcile creates it with the new immutable fields. The creation waits
    /// for the deletion to finish: an apply to a StatefulSet still being orphaned would change the old object.
    /// </summary>
    private async Task DeleteForRecreateAsync(VisitCounterApp app, V1StatefulSet live, string reason, ReconcileActions actions, CancellationToken cancellationToken)
    {
        var name = live.Metadata.Name!;

        // Orphan, never Background: with whenDeleted=Delete a cascading delete would take the PVCs (and the data)
        // with it. The UID precondition makes sure we delete the StatefulSet we looked at, not a newer one.
        await client.DeleteAsync<V1StatefulSet>(
            name,
            live.Metadata.Namespace,
            new V1DeleteOptions { PropagationPolicy = "Orphan", Preconditions = new V1Preconditions { Uid = live.Metadata.Uid } },
            cancellationToken);
        actions.Add($"deleted StatefulSet {name} (orphan) to change {reason}");
        await events.NormalAsync(app, "Deleted", $"Deleted StatefulSet {name} with propagationPolicy Orphan to change {reason}; pods and volumes stay", cancellationToken);
    }

    private async Task ExpandClaimsAsync(VisitCounterApp app, ResourceQuantity size, ReconcileActions actions, CancellationToken cancellationToken)
    {
        var appName = app.Metadata.Name!;
        var prefix = $"{ChildNames.DataVolume}-";

        // From the API, not the cache: the re-created StatefulSet's pods mount the claims at whatever size they have,
        // and a claim the cache has not seen yet would silently stay small. A resize is rare; this list is too.
        var claims = await client.ListAllAsync<V1PersistentVolumeClaim>(app.Metadata.Namespace, null, cancellationToken);
        foreach (var claim in claims.Items)
        {
            var name = claim.Metadata.Name ?? string.Empty;
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || ChildNames.PodOrdinal(appName, name[prefix.Length..]) is null)
            {
                continue;
            }

            var current = claim.Spec?.Resources?.Requests?.TryGetValue("storage", out var q) == true ? q : null;
            if (current is not null && current >= size)
            {
                continue;
            }

            var body = new JsonObject { ["spec"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = size.ToString() } } } };
            await client.PatchAsync<V1PersistentVolumeClaim>(name, claim.Metadata.Namespace, KubernetesPatch.Merge(body.ToJsonString()), cancellationToken);
            actions.Add($"expanded PVC {name} to {size}");
        }
    }

    private async Task SetPendingResizeAsync(VisitCounterApp app, string? target, CancellationToken cancellationToken)
    {
        // In a merge patch a null value removes the key.
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [PendingStorageResize.AnnotationKey] = target } } };
        var updated = await client.PatchAsync<VisitCounterApp>(app.Metadata.Name!, app.Metadata.Namespace, KubernetesPatch.Merge(body.ToJsonString()), cancellationToken);

        // Keep the in-memory copy current so the status update that follows carries the new resourceVersion.
        app.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
        app.Metadata.Annotations = updated.Metadata.Annotations;
    }

    private static string? NeedsRecreate(V1StatefulSet live, V1StatefulSet desired)
    {
        if (!string.Equals(live.Spec?.PodManagementPolicy ?? PodManagementPolicies.OrderedReady, desired.Spec?.PodManagementPolicy, StringComparison.Ordinal))
        {
            return "spec.podManagementPolicy";
        }

        return string.Equals(live.Spec?.ServiceName, desired.Spec?.ServiceName, StringComparison.Ordinal) ? null : "spec.serviceName";
    }
}
