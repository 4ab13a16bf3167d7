using System.Text.Json;
using VisitCounter.Kube.Models;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>Small valid built-in objects for the client tests.</summary>
public static class Objects
{
    /// <summary>A Lease; its annotations serve as a free-form counter.</summary>
    public static V1Lease Lease(string name, string @namespace, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = @namespace, Labels = labels },
        Spec = new V1LeaseSpec { HolderIdentity = "nobody", LeaseDurationSeconds = 15 },
    };

    /// <summary>A ClusterIP Service with one port.</summary>
    public static V1Service Service(string name, string @namespace) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = @namespace, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = IntOrString.FromString("http") }],
        },
    };

    /// <summary>A StatefulSet with one volume claim template (no workload controllers run, so nothing acts on it).</summary>
    public static V1StatefulSet StatefulSet(string name, string @namespace, int replicas = 1) =>
        JsonSerializer.Deserialize<V1StatefulSet>(
            $$"""
            {
              "apiVersion": "apps/v1", "kind": "StatefulSet",
              "metadata": { "name": "{{name}}", "namespace": "{{@namespace}}" },
              "spec": {
                "replicas": {{replicas}},
                "serviceName": "{{name}}-headless",
                "selector": { "matchLabels": { "app": "{{name}}" } },
                "template": {
                  "metadata": { "labels": { "app": "{{name}}" } },
                  "spec": { "containers": [ { "name": "counter", "image": "visitcounter/counter-app:0.1.0" } ] }
                },
                "volumeClaimTemplates": [ {
                  "metadata": { "name": "data" },
                  "spec": { "accessModes": [ "ReadWriteOnce" ], "resources": { "requests": { "storage": "1Gi" } } }
                } ]
              }
            }
            """,
            ApiServerFixture.Json)!;

    /// <summary>The counter a test keeps in an annotation.</summary>
    public static int Counter(V1Lease lease) =>
        lease.Metadata.Annotations?.TryGetValue("count", out var text) == true ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Sets the counter annotation.</summary>
    public static void SetCounter(V1Lease lease, int value)
    {
        lease.Metadata.Annotations ??= new Dictionary<string, string>();
        lease.Metadata.Annotations["count"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
