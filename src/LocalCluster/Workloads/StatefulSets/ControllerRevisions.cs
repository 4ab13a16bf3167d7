using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Builds and reads apps/v1 ControllerRevision objects for a StatefulSet. As in Kubernetes, the revision data is the
/// patch that restores the pod template (<c>{"spec":{"template":{..., "$patch":"replace"}}}</c>), so a revision
/// number, its hash and its template are all one object.
/// </summary>
internal static class ControllerRevisions
{
    public const string HashLabel = "controller.kubernetes.io/hash";

    public static JsonObject RevisionData(JsonObject template)
    {
        var patched = (JsonObject)template.DeepClone();
        patched["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = patched } };
    }

    public static JsonObject TemplateOf(JsonObject revision)
    {
        var template = revision["data"]?["spec"]?["template"] as JsonObject
            ?? throw new InvalidOperationException($"controller revision {revision.Name()} has no data.spec.template");
        var clone = (JsonObject)template.DeepClone();
        clone.Remove("$patch");
        return clone;
    }

    public static long RevisionNumber(JsonObject revision) => JsonNumber.AsInt64(revision["revision"]) ?? 0;

    public static JsonObject Build(JsonObject statefulSet, JsonObject template, long revisionNumber, long collisionCount)
    {
        var data = RevisionData(template);
        var hash = RevisionHash.Hash(data, collisionCount);
        var labels = new JsonObject();
        foreach (var (key, value) in ObjectMeta.StringMap(statefulSet["spec"]?["selector"]?["matchLabels"]))
        {
            labels[key] = value;
        }

        labels[HashLabel] = hash;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ControllerRevision",
            ["metadata"] = new JsonObject
            {
                ["name"] = RevisionHash.RevisionName(statefulSet.Name(), hash),
                ["namespace"] = statefulSet.Namespace(),
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(OwnerReference.To(statefulSet, controller: true, blockOwnerDeletion: true).ToJson()),
            },
            ["data"] = data,
            ["revision"] = revisionNumber,
        };
    }
}

/// <summary>
/// What a sync does with the revision history: which revision is current, which is the update target, whether the
/// update revision must be written (new, or an older one renumbered on rollback), and which old ones to prune.
/// </summary>
internal sealed record RevisionPlan(
    string CurrentRevision,
    string UpdateRevision,
    JsonObject CurrentTemplate,
    JsonObject UpdateTemplate,
    JsonObject? RevisionToSave,
    IReadOnlyList<string> RevisionsToDelete);

/// <summary>
/// The history rules of Kubernetes' StatefulSet controller (getStatefulSetRevisions and truncateHistory): the
/// live template is the update revision, created with the next number when no revision holds it and renumbered
/// when an older revision does (a rollback); the current revision is status.currentRevision when it still exists;
/// revisions that are neither and that no pod uses are pruned beyond revisionHistoryLimit.
/// </summary>
internal static class RevisionPlanner
{
    public const int DefaultHistoryLimit = 10;

    public static RevisionPlan Plan(
        JsonObject statefulSet, IReadOnlyList<JsonObject> history, IReadOnlySet<string> revisionsInUse)
    {
        var view = StatefulSetView.FromJson(statefulSet);
        var template = statefulSet["spec"]?["template"] as JsonObject ?? [];
        var candidate = ControllerRevisions.Build(statefulSet, template, 0, view.CollisionCount ?? 0);
        var updateName = candidate.Name();
        var nextNumber = history.Count == 0 ? 1 : history.Max(ControllerRevisions.RevisionNumber) + 1;

        var existing = history.FirstOrDefault(r => r.Name() == updateName);
        JsonObject? toSave;
        JsonObject updateRevision;
        if (existing is null)
        {
            candidate["revision"] = nextNumber;
            toSave = candidate;
            updateRevision = candidate;
        }
        else if (ControllerRevisions.RevisionNumber(existing) < nextNumber - 1)
        {
            toSave = (JsonObject)existing.DeepClone();
            toSave["revision"] = nextNumber;
            updateRevision = toSave;
        }
        else
        {
            toSave = null;
            updateRevision = existing;
        }

        var current = history.FirstOrDefault(r => r.Name() == view.StatusCurrentRevision) ?? updateRevision;
        var limit = JsonNumber.AsInt32(statefulSet["spec"]?["revisionHistoryLimit"]) ?? DefaultHistoryLimit;
        var prunable = history
            .Where(r => r.Name() != current.Name() && r.Name() != updateName && !revisionsInUse.Contains(r.Name()))
            .OrderBy(ControllerRevisions.RevisionNumber)
            .ToList();
        var toDelete = prunable.Take(Math.Max(0, prunable.Count - Math.Max(0, limit))).Select(r => r.Name()).ToList();

        return new RevisionPlan(
            current.Name(),
            updateName,
            ControllerRevisions.TemplateOf(current),
            ControllerRevisions.TemplateOf(updateRevision),
            toSave,
            toDelete);
    }
}
