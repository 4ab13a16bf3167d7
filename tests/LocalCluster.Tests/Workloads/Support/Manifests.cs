using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Tests.Workloads.Support;

/// <summary>Objects like the operator creates them, for the workload tests.</summary>
internal static class Manifests
{
    public const string CounterImage = "visitcounter/counter-app:0.1.0";

    public static JsonObject CounterContainer(string image = CounterImage, JsonObject? liveness = null) => new()
    {
        ["name"] = "counter",
        ["image"] = image,
        ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8080 }),
        ["env"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "POD_NAME",
                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } },
            },
            new JsonObject { ["name"] = "PORT", ["value"] = "8080" },
            new JsonObject { ["name"] = "VISITS_FILE", ["value"] = "/data/visits" }),
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = "/data" }),
        ["readinessProbe"] = new JsonObject
        {
            ["httpGet"] = new JsonObject { ["path"] = "/readyz", ["port"] = "http" },
            ["periodSeconds"] = 1,
        },
        ["livenessProbe"] = liveness ?? new JsonObject
        {
            ["httpGet"] = new JsonObject { ["path"] = "/healthz", ["port"] = "http" },
            ["periodSeconds"] = 2,
        },
    };

    public static JsonObject Claim(string name, string size = "1Gi") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = size } },
        },
    };

    public static JsonObject Pod(string name, JsonObject container, string? claim = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["terminationGracePeriodSeconds"] = 5,
            ["containers"] = new JsonArray(container),
            ["volumes"] = new JsonArray(claim is null
                ? new JsonObject { ["name"] = "data", ["emptyDir"] = new JsonObject() }
                : new JsonObject { ["name"] = "data", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } }),
        },
    };

    public static JsonObject StatefulSet(
        string name, int replicas, string policy = "OrderedReady", string image = CounterImage, JsonObject? updateStrategy = null,
        JsonObject? retention = null) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "StatefulSet",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["serviceName"] = name + "-headless",
            ["podManagementPolicy"] = policy,
            ["updateStrategy"] = updateStrategy ?? new JsonObject { ["type"] = "RollingUpdate" },
            ["persistentVolumeClaimRetentionPolicy"] = retention ?? new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" },
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["terminationGracePeriodSeconds"] = 5,
                    ["containers"] = new JsonArray(CounterContainer(image)),
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

    public static JsonObject Service(string name, string type, string app, int port = 80) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["type"] = type,
            ["selector"] = new JsonObject { ["app"] = app },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = port, ["targetPort"] = "http" }),
        },
    };
}
