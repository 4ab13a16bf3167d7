using System.Text.Json.Nodes;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

internal sealed partial class ResourceService
{
    private const string OrphanFinalizer = "orphan";
    private const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// DELETE. Objects with finalizers (including the <c>orphan</c>/<c>foregroundDeletion</c> finalizers the
    /// propagation policy adds) get a deletionTimestamp and stay until the finalizers are gone; a pod bound to a
    /// node is deleted gracefully (the kubelet finishes it); everything else is removed at once.
    /// See https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/.
    /// </summary>
    public WriteResponse Delete(ResourceDefinition definition, string? ns, string name, DeleteOptions options)
    {
        var result = _store.Write(definition.Ref, Key(definition, ns, name), live =>
        {
            if (live is null) throw ApiException.NotFound(definition.Ref, name);
            CheckPreconditions(definition, live, options);
            var updated = (JsonObject)live.DeepClone();
            var metadata = Meta.Of(updated);
            var finalizers = Meta.Finalizers(updated);
            switch (options.PropagationPolicy)
            {
                case PropagationPolicy.Orphan:
                    finalizers.Remove(ForegroundFinalizer);
                    if (!finalizers.Contains(OrphanFinalizer)) finalizers.Add(OrphanFinalizer);
                    break;
                case PropagationPolicy.Foreground:
                    finalizers.Remove(OrphanFinalizer);
                    if (!finalizers.Contains(ForegroundFinalizer)) finalizers.Add(ForegroundFinalizer);
                    break;
            }
            if (definition.Ref == ResourceRef.Namespaces && !finalizers.Contains("kubernetes") && HasSpecFinalizer(updated))
            {
                // The namespace controller's "kubernetes" finalizer lives in spec.finalizers; it keeps the namespace
                // Terminating until its content is gone.
                MarkDeleting(metadata, 0);
                updated["status"] = new JsonObject { ["phase"] = "Terminating" };
                Meta.SetFinalizers(updated, finalizers);
                return new WriteDecision.Put(updated, options.DryRun);
            }
            if (GracePeriodFor(definition, live, options) is { } grace && grace > 0)
            {
                if (Meta.IsDeleting(live) && Meta.Finalizers(live).SequenceEqual(finalizers)) return new WriteDecision.Keep(live);
                metadata["deletionTimestamp"] = Meta.Timestamp(_time.GetUtcNow().AddSeconds(grace));
                metadata["deletionGracePeriodSeconds"] = grace;
                Meta.SetFinalizers(updated, finalizers);
                return new WriteDecision.Put(updated, options.DryRun);
            }
            if (finalizers.Count > 0)
            {
                if (!Meta.IsDeleting(live)) MarkDeleting(metadata, 0);
                Meta.SetFinalizers(updated, finalizers);
                return JsonNode.DeepEquals(live, updated) ? new WriteDecision.Keep(live) : new WriteDecision.Put(updated, options.DryRun);
            }
            return new WriteDecision.Remove(options.DryRun);
        });
        AfterWrite(definition, result, options.DryRun);
        if (!options.DryRun && definition.Ref == ResourceRef.Namespaces && result.Outcome != WriteOutcome.Deleted)
        {
            DeleteNamespaceContent(name);
        }
        return new WriteResponse(result.Object, false, result.Outcome == WriteOutcome.Deleted, []);
    }

    /// <summary>DELETE on a collection: deletes every object matching the selectors, each as a single DELETE would.</summary>
    public IReadOnlyList<JsonObject> DeleteCollection(ResourceDefinition definition, string? ns, LabelSelector labels,
        Selectors.FieldSelector fields, DeleteOptions options)
    {
        var deleted = new List<JsonObject>();
        foreach (var item in _store.List(definition.Ref, definition.Namespaced ? ns : null).Items)
        {
            if (!labels.Matches(Meta.Labels(item)) || !fields.Matches(item)) continue;
            try
            {
                deleted.Add(Delete(definition, Meta.Namespace(item), Meta.Name(item), options).Object);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: the goal is reached.
            }
        }
        return deleted;
    }

    private static void CheckPreconditions(ResourceDefinition definition, JsonObject live, DeleteOptions options)
    {
        var name = Meta.Name(live);
        if (options.PreconditionUid is { } uid && uid != Meta.Uid(live))
        {
            throw ApiException.Conflict(definition.Ref, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(live)}");
        }
        if (options.PreconditionResourceVersion is { } rv && rv != Meta.ResourceVersion(live))
        {
            throw ApiException.Conflict(definition.Ref, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(live)}");
        }
    }

    /// <summary>Pods bound to a node are deleted gracefully (pod strategy CheckGracefulDelete); unbound pods go at once.</summary>
    private static long? GracePeriodFor(ResourceDefinition definition, JsonObject live, DeleteOptions options)
    {
        if (definition.Ref != ResourceRef.Pods) return null;
        if (string.IsNullOrEmpty(live["spec"]?["nodeName"]?.GetValue<string>())) return null;
        if (options.GracePeriodSeconds is { } requested) return requested;
        return Patching.JsonNodes.AsInteger(live["metadata"]?["deletionGracePeriodSeconds"])
            ?? Patching.JsonNodes.AsInteger(live["spec"]?["terminationGracePeriodSeconds"])
            ?? 30;
    }

    private static bool IsPendingGracefulDeletion(ResourceDefinition definition, JsonObject obj) =>
        definition.Ref == ResourceRef.Pods &&
        Patching.JsonNodes.AsInteger(obj["metadata"]?["deletionGracePeriodSeconds"]) > 0;

    private static bool HasSpecFinalizer(JsonObject ns) =>
        (ns["spec"]?["finalizers"] as JsonArray)?.Any(f => f?.GetValue<string>() == "kubernetes") == true;

    private void MarkDeleting(JsonObject metadata, long grace)
    {
        metadata["deletionTimestamp"] = Now();
        metadata["deletionGracePeriodSeconds"] = grace;
    }

    /// <summary>The namespace controller's job: delete everything in a terminating namespace, then the namespace.</summary>
    private void DeleteNamespaceContent(string ns)
    {
        foreach (var resource in _store.ResourcesInNamespace(ns))
        {
            if (_registry.Find(resource) is not { } definition) continue;
            foreach (var item in _store.List(resource, ns).Items)
            {
                try
                {
                    Delete(definition, ns, Meta.Name(item), new DeleteOptions(GracePeriodSeconds: 0));
                }
                catch (ApiException e) when (e.Code is 404 or 409)
                {
                    // Gone or changed meanwhile; the last removal finishes the namespace.
                }
            }
        }
        TryFinishNamespace(ns);
    }

    private void TryFinishNamespace(string ns)
    {
        var namespaceObject = _store.Get(ResourceRef.Namespaces, new ObjectKey("", ns));
        if (namespaceObject is null || !Meta.IsDeleting(namespaceObject) || _store.NamespaceHasObjects(ns)) return;
        try
        {
            _store.Write(ResourceRef.Namespaces, new ObjectKey("", ns), live =>
                live is not null && Meta.IsDeleting(live) && Meta.Finalizers(live).Count == 0 && !_store.NamespaceHasObjects(ns)
                    ? new WriteDecision.Remove(false)
                    : new WriteDecision.Keep(live ?? namespaceObject));
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already finished by a concurrent deletion.
        }
    }

    /// <summary>Removes every object of a resource whose CRD was deleted (each gets its DELETED event).</summary>
    private void RemoveAll(ResourceDefinition definition)
    {
        foreach (var item in _store.List(definition.Ref, null).Items)
        {
            try
            {
                _store.Write(definition.Ref, Key(definition, Meta.Namespace(item), Meta.Name(item)), _ => new WriteDecision.Remove(false));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Removed concurrently.
            }
        }
    }
}
