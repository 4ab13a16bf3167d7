using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.StatefulSets;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

/// <summary>StatefulSet JSON and pod lists for the planner tests.</summary>
internal static class StatefulSetFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject StatefulSet(
        int replicas = 3,
        string policy = "OrderedReady",
        string strategy = "RollingUpdate",
        int? partition = null,
        JsonNode? maxUnavailable = null,
        int minReadySeconds = 0,
        string whenDeleted = "Retain",
        string whenScaled = "Retain",
        string image = "visitcounter/counter-app:0.1.0")
    {
        var updateStrategy = new JsonObject { ["type"] = strategy };
        if (strategy == "RollingUpdate" && (partition is not null || maxUnavailable is not null))
        {
            var rolling = new JsonObject();
            if (partition is not null)
            {
                rolling["partition"] = partition;
            }

            if (maxUnavailable is not null)
            {
                rolling["maxUnavailable"] = maxUnavailable;
            }

            updateStrategy["rollingUpdate"] = rolling;
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "ns", ["uid"] = "set-uid", ["generation"] = 2 },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["serviceName"] = "web-headless",
                ["podManagementPolicy"] = policy,
                ["updateStrategy"] = updateStrategy,
                ["minReadySeconds"] = minReadySeconds,
                ["persistentVolumeClaimRetentionPolicy"] = new JsonObject { ["whenDeleted"] = whenDeleted, ["whenScaled"] = whenScaled },
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "counter",
                            ["image"] = image,
                            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = "/data" }),
                        }),
                    },
                },
                ["volumeClaimTemplates"] = new JsonArray(new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = "data" },
                    ["spec"] = new JsonObject
                    {
                        ["accessModes"] = new JsonArray("ReadWriteOnce"),
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "1Gi" } },
                    },
                }),
            },
        };
    }

    public static StatefulSetView View(JsonObject set) => StatefulSetView.FromJson(set);

    public static OrdinalPod Ready(int ordinal, string revision = "r1", int readyForSeconds = 3600) =>
        new(ordinal, "web-" + ordinal, revision, Terminating: false, Finished: false, Now.AddSeconds(-readyForSeconds));

    public static OrdinalPod NotReady(int ordinal, string revision = "r1") =>
        new(ordinal, "web-" + ordinal, revision, Terminating: false, Finished: false, ReadySince: null);

    public static OrdinalPod Terminating(int ordinal, string revision = "r1") =>
        new(ordinal, "web-" + ordinal, revision, Terminating: true, Finished: false, Now.AddSeconds(-60));

    public static OrdinalPod[] ReadyPods(int count, string revision = "r1") =>
        Enumerable.Range(0, count).Select(i => Ready(i, revision)).ToArray();
}
