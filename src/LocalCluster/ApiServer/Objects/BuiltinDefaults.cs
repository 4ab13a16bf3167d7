using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// The defaults kube-apiserver fills into built-in objects (pkg/apis/*/v1/defaults.go) and the initial
/// status its create strategies set, for the fields our flows read back. Controllers compare against
/// these, so an object read from this server looks like one read from a real cluster.
/// </summary>
internal static class BuiltinDefaults
{
    /// <summary>Defaults that apply on every write.</summary>
    public static void Apply(ResourceRef resource, JsonObject obj)
    {
        if (resource == ResourceRef.Pods && obj["spec"] is JsonObject podSpec)
        {
            PodSpec(podSpec);
        }
        else if (resource == ResourceRef.StatefulSets && obj["spec"] is JsonObject stsSpec)
        {
            StatefulSetSpec(stsSpec);
        }
        else if (resource == ResourceRef.Services && obj["spec"] is JsonObject svcSpec)
        {
            ServiceSpec(svcSpec);
        }
        else if (resource == ResourceRef.PersistentVolumeClaims && obj["spec"] is JsonObject pvcSpec)
        {
            Set(pvcSpec, "volumeMode", "Filesystem");
        }
        else if (resource == ResourceRef.Deployments && obj["spec"] is JsonObject deploymentSpec)
        {
            DeploymentSpec(deploymentSpec);
        }
        else if (resource == ResourceRef.ReplicaSets && obj["spec"] is JsonObject replicaSetSpec)
        {
            Set(replicaSetSpec, "replicas", 1);
            if (replicaSetSpec["template"]?["spec"] is JsonObject replicaSetPodSpec) PodSpec(replicaSetPodSpec);
        }
        else if (resource == ResourceRef.Secrets)
        {
            // SetDefaults_Secret: an empty type (protobuf bodies always carry one) is Opaque too.
            if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var text) && text.Length == 0) obj.Remove("type");
            Set(obj, "type", "Opaque");
        }
        else if (resource == ResourceRef.RoleBindings || resource == ResourceRef.ClusterRoleBindings)
        {
            BindingSubjects(obj);
        }
        else if (resource == ResourceRef.StorageClasses)
        {
            Set(obj, "reclaimPolicy", "Delete");
            Set(obj, "volumeBindingMode", "Immediate");
        }
    }

    /// <summary>The status a newly created object starts with (create strategies discard client-sent status).</summary>
    public static JsonObject? InitialStatus(ResourceRef resource)
    {
        if (resource == ResourceRef.Pods) return new JsonObject { ["phase"] = "Pending" };
        if (resource == ResourceRef.PersistentVolumeClaims) return new JsonObject { ["phase"] = "Pending" };
        if (resource == ResourceRef.Namespaces) return new JsonObject { ["phase"] = "Active" };
        if (resource == ResourceRef.StatefulSets) return new JsonObject { ["replicas"] = 0, ["availableReplicas"] = 0 };
        if (resource == ResourceRef.Services) return new JsonObject { ["loadBalancer"] = new JsonObject() };
        return null;
    }

    /// <summary>Defaults that depend on the cluster: the namespace finalizer and label, a Service's cluster IP and
    /// node ports, a PVC's default StorageClass (the DefaultStorageClass admission plugin).</summary>
    public static void ApplyOnCreate(ResourceRef resource, JsonObject obj, ClusterAllocations allocations)
    {
        if (resource == ResourceRef.Namespaces)
        {
            var spec = Object(obj, "spec");
            if (spec["finalizers"] is null) spec["finalizers"] = new JsonArray("kubernetes");
            var labels = Object(Meta.Of(obj), "labels");
            labels["kubernetes.io/metadata.name"] = Meta.Name(obj);
        }
        else if (resource == ResourceRef.Services && obj["spec"] is JsonObject spec)
        {
            if (spec["clusterIP"] is null || spec["clusterIP"]!.GetValue<string>().Length == 0)
            {
                spec["clusterIP"] = allocations.NextClusterIp();
            }
            if (spec["clusterIPs"] is null) spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.GetValue<string>());
            var type = spec["type"]?.GetValue<string>();
            if (type is "NodePort" or "LoadBalancer" && spec["ports"] is JsonArray ports)
            {
                foreach (var port in ports.OfType<JsonObject>())
                {
                    if (port["nodePort"] is null) port["nodePort"] = allocations.NextNodePort();
                }
            }
        }
        else if (resource == ResourceRef.PersistentVolumeClaims && obj["spec"] is JsonObject pvcSpec)
        {
            if (pvcSpec["storageClassName"] is null && allocations.DefaultStorageClass() is { } defaultClass)
            {
                pvcSpec["storageClassName"] = defaultClass;
            }
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        Set(spec, "restartPolicy", "Always");
        Set(spec, "dnsPolicy", "ClusterFirst");
        Set(spec, "schedulerName", "default-scheduler");
        Set(spec, "terminationGracePeriodSeconds", 30);
        if (spec["securityContext"] is null) spec["securityContext"] = new JsonObject();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (spec[list] is not JsonArray containers) continue;
            foreach (var container in containers.OfType<JsonObject>())
            {
                Set(container, "terminationMessagePath", "/dev/termination-log");
                Set(container, "terminationMessagePolicy", "File");
                var image = container["image"]?.GetValue<string>() ?? "";
                var tagged = image.Contains(':', StringComparison.Ordinal) && !image.EndsWith(":latest", StringComparison.Ordinal);
                Set(container, "imagePullPolicy", tagged || image.Contains('@', StringComparison.Ordinal) ? "IfNotPresent" : "Always");
                if (container["ports"] is JsonArray ports)
                {
                    foreach (var port in ports.OfType<JsonObject>()) Set(port, "protocol", "TCP");
                }
            }
        }
    }

    private static void StatefulSetSpec(JsonObject spec)
    {
        Set(spec, "replicas", 1);
        Set(spec, "podManagementPolicy", "OrderedReady");
        Set(spec, "revisionHistoryLimit", 10);
        var strategy = Object(spec, "updateStrategy");
        Set(strategy, "type", "RollingUpdate");
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            Set(Object(strategy, "rollingUpdate"), "partition", 0);
        }
        var retention = Object(spec, "persistentVolumeClaimRetentionPolicy");
        Set(retention, "whenDeleted", "Retain");
        Set(retention, "whenScaled", "Retain");
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpec(podSpec);
        if (spec["volumeClaimTemplates"] is JsonArray templates)
        {
            foreach (var template in templates.OfType<JsonObject>())
            {
                if (template["spec"] is JsonObject pvcSpec) Set(pvcSpec, "volumeMode", "Filesystem");
            }
        }
    }

    private static void DeploymentSpec(JsonObject spec)
    {
        Set(spec, "replicas", 1);
        Set(spec, "revisionHistoryLimit", 10);
        Set(spec, "progressDeadlineSeconds", 600);
        var strategy = Object(spec, "strategy");
        Set(strategy, "type", "RollingUpdate");
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            var rollingUpdate = Object(strategy, "rollingUpdate");
            Set(rollingUpdate, "maxUnavailable", "25%");
            Set(rollingUpdate, "maxSurge", "25%");
        }
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpec(podSpec);
    }

    /// <summary>rbac/v1 SetDefaults_Subject: users and groups belong to the RBAC group, service accounts to the core group.</summary>
    private static void BindingSubjects(JsonObject binding)
    {
        if (binding["subjects"] is not JsonArray subjects) return;
        foreach (var subject in subjects.OfType<JsonObject>())
        {
            if (subject["apiGroup"] is not null) continue;
            subject["apiGroup"] = subject["kind"]?.GetValue<string>() is "User" or "Group" ? "rbac.authorization.k8s.io" : "";
        }
    }

    private static void ServiceSpec(JsonObject spec)
    {
        Set(spec, "type", "ClusterIP");
        Set(spec, "sessionAffinity", "None");
        Set(spec, "ipFamilies", new JsonArray("IPv4"));
        Set(spec, "ipFamilyPolicy", "SingleStack");
        Set(spec, "internalTrafficPolicy", "Cluster");
        if (spec["type"]?.GetValue<string>() is "NodePort" or "LoadBalancer") Set(spec, "externalTrafficPolicy", "Cluster");
        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                Set(port, "protocol", "TCP");
                if (port["targetPort"] is null && port["port"] is JsonNode p) port["targetPort"] = p.DeepClone();
            }
        }
    }

    private static void Set(JsonObject obj, string field, JsonNode value)
    {
        if (obj[field] is null) obj[field] = value;
    }

    private static JsonObject Object(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject child) return child;
        child = [];
        parent[field] = child;
        return child;
    }
}
