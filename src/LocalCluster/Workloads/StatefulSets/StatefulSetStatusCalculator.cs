using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>The status fields of an apps/v1 StatefulSet that the local controller reports.</summary>
internal sealed record StatefulSetStatus(
    long ObservedGeneration,
    int Replicas,
    int ReadyReplicas,
    int CurrentReplicas,
    int UpdatedReplicas,
    int AvailableReplicas,
    string CurrentRevision,
    string UpdateRevision,
    long CollisionCount)
{
    /// <summary>The JSON of .status; zero counts are omitted as the real server's omitempty does.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["observedGeneration"] = ObservedGeneration,
            ["replicas"] = Replicas,
        };
        AddIfPositive(json, "readyReplicas", ReadyReplicas);
        AddIfPositive(json, "currentReplicas", CurrentReplicas);
        AddIfPositive(json, "updatedReplicas", UpdatedReplicas);
        json["currentRevision"] = CurrentRevision;
        json["updateRevision"] = UpdateRevision;
        json["collisionCount"] = CollisionCount;
        json["availableReplicas"] = AvailableReplicas;
        return json;
    }

    private static void AddIfPositive(JsonObject json, string name, int value)
    {
        if (value > 0)
        {
            json[name] = value;
        }
    }
}

/// <summary>
/// Computes a StatefulSet's status from its pods, as computeReplicaStatus and completeRollingUpdate do in Kubernetes:
/// counts by readiness, availability and revision; once a RollingUpdate has every pod updated and ready, the update
/// revision becomes the current one.
/// </summary>
internal static class StatefulSetStatusCalculator
{
    public static StatefulSetStatus Compute(
        StatefulSetView set, IReadOnlyList<OrdinalPod> pods, string currentRevision, string updateRevision, DateTimeOffset now)
    {
        int replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
        foreach (var pod in pods)
        {
            replicas++;
            if (pod.IsReady)
            {
                ready++;
                if (pod.IsAvailable(set.MinReadySeconds, now))
                {
                    available++;
                }
            }

            if (!pod.Terminating)
            {
                current += pod.Revision == currentRevision ? 1 : 0;
                updated += pod.Revision == updateRevision ? 1 : 0;
            }
        }

        var status = new StatefulSetStatus(
            set.Generation, replicas, ready, current, updated, available, currentRevision, updateRevision, set.CollisionCount ?? 0);

        var rolledOut = set.UpdateStrategy == UpdateStrategyType.RollingUpdate
            && updated == replicas && ready == replicas;
        return rolledOut ? status with { CurrentReplicas = updated, CurrentRevision = updateRevision } : status;
    }
}
