using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Tables;

/// <summary>
/// The Table columns kube-apiserver 1.32's printers (pkg/printers/internalversion) produce for the built-in
/// kinds we serve, so <c>kubectl get pods,svc,pvc,sts,events</c> looks as it does against a real cluster.
/// </summary>
internal static class BuiltinColumns
{
    internal const string None = "<none>";
    private const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private const string AgeDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public static TableColumn Name { get; } = new("Name", "string", "name", NameDescription, 0, (o, _) => Meta.Name(o));

    public static TableColumn Age { get; } = new("Age", "string", "", AgeDescription, 0, (o, now) => AgeOf(o, now));

    /// <summary>The columns for a built-in resource, or null when it has no printer (the default table applies).</summary>
    public static IReadOnlyList<TableColumn>? For(ResourceRef resource)
    {
        if (resource == ResourceRef.Pods) return Pods;
        if (resource == ResourceRef.Services) return Services;
        if (resource == ResourceRef.PersistentVolumeClaims) return Claims;
        if (resource == ResourceRef.StatefulSets) return StatefulSets;
        if (resource == ResourceRef.Events) return Events;
        if (resource == ResourceRef.Namespaces) return Namespaces;
        if (resource == ResourceRef.Leases) return Leases;
        if (resource == ResourceRef.PodDisruptionBudgets) return DisruptionBudgets;
        if (resource == ResourceRef.StorageClasses) return StorageClasses;
        return WorkloadAndConfigColumns.For(resource);
    }

    private static readonly TableColumn[] Pods =
    [
        Name,
        Col("Ready", "The aggregate readiness state of this pod for accepting traffic.", 0, (o, _) => PodReady(o)),
        Col("Status", "The aggregate status of the containers in this pod.", 0, (o, _) => PodStatus(o)),
        Col("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", 0,
            (o, _) => Restarts(o)),
        Age,
        Col("IP", "The IP address assigned to the pod", 1, (o, _) => Str(o["status"]?["podIP"]) ?? None),
        Col("Node", "The name of the node the pod is assigned to", 1, (o, _) => Str(o["spec"]?["nodeName"]) ?? None),
        Col("Nominated Node", "The name of the node the pod is nominated to", 1, (o, _) => Str(o["status"]?["nominatedNodeName"]) ?? None),
        Col("Readiness Gates", "The readiness gates of the pod", 1, (o, _) => None),
    ];

    private static readonly TableColumn[] Services =
    [
        Name,
        Col("Type", "type determines how the Service is exposed.", 0, (o, _) => Str(o["spec"]?["type"]) ?? "ClusterIP"),
        Col("Cluster-IP", "clusterIP is the IP address of the service.", 0, (o, _) => Str(o["spec"]?["clusterIP"]) ?? None),
        Col("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.", 0,
            (o, _) => ExternalIp(o)),
        Col("Port(s)", "The ports exposed by the service.", 0, (o, _) => ServicePorts(o)),
        Age,
        Col("Selector", "Route service traffic to pods with label keys and values matching this selector.", 1,
            (o, _) => o["spec"]?["selector"] is JsonObject s && s.Count > 0
                ? string.Join(",", s.Select(kv => $"{kv.Key}={Str(kv.Value)}"))
                : None),
    ];

    private static readonly TableColumn[] Claims =
    [
        Name,
        Col("Status", "status.phase represents the current phase of PersistentVolumeClaim.", 0,
            (o, _) => Meta.IsDeleting(o) ? "Terminating" : Str(o["status"]?["phase"]) ?? ""),
        Col("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim.", 0, (o, _) => Str(o["spec"]?["volumeName"]) ?? ""),
        Col("Capacity", "capacity represents the actual resources of the underlying volume.", 0,
            (o, _) => Str(o["status"]?["capacity"]?["storage"]) ?? ""),
        Col("Access Modes", "accessModes contains the desired access modes the volume should have.", 0, (o, _) => AccessModes(o)),
        Col("StorageClass", "storageClassName is the name of the StorageClass required by the claim.", 0,
            (o, _) => Str(o["spec"]?["storageClassName"]) ?? "<unset>"),
        Col("VolumeAttributesClass", "volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.", 0,
            (o, _) => Str(o["spec"]?["volumeAttributesClassName"]) ?? "<unset>"),
        Age,
        Col("VolumeMode", "volumeMode defines what type of volume is required by the claim.", 1, (o, _) => Str(o["spec"]?["volumeMode"]) ?? "Filesystem"),
    ];

    private static readonly TableColumn[] StatefulSets =
    [
        Name,
        Col("Ready", "Number of the pod with ready state", 0,
            (o, _) => Text($"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"])}")),
        Age,
        Col("Containers", "Names of each container in the template.", 1, (o, _) => Containers(o, "name")),
        Col("Images", "Images referenced by each container in the template.", 1, (o, _) => Containers(o, "image")),
    ];

    private static readonly TableColumn[] Events =
    [
        Col("Last Seen", "Time when this Event was last seen", 0, (o, now) => EventLastSeen(o, now)),
        Col("Type", "Type of this event (Normal, Warning), new types could be added in the future.", 0, (o, _) => Str(o["type"]) ?? ""),
        Col("Reason", "Reason is why the action was taken. It is human-readable. This field can have at most 128 characters.", 0,
            (o, _) => Str(o["reason"]) ?? ""),
        Col("Object", "The object that this event is about. Mapped to the event's involvedObject.", 0,
            (o, _) => $"{(Str(o["involvedObject"]?["kind"]) ?? "").ToLowerInvariant()}/{Str(o["involvedObject"]?["name"])}"),
        Col("Subobject", "The subobject of the involved object (fieldPath).", 1, (o, _) => Str(o["involvedObject"]?["fieldPath"]) ?? ""),
        Col("Source", "The component reporting this event.", 1, (o, _) => EventSource(o)),
        Col("Message", "A human-readable description of the status of this operation.", 0, (o, _) => Str(o["message"]) ?? ""),
        Col("First Seen", "The time at which the event was first recorded.", 1,
            (o, now) => Since(Str(o["firstTimestamp"]) ?? Str(o["eventTime"]), now) ?? "<unknown>"),
        Col("Count", "The number of times this event has occurred.", 1, (o, _) => Math.Max(1, Int(o["count"]))),
        Name with { Priority = 1 },
    ];

    private static readonly TableColumn[] Namespaces =
    [
        Name,
        Col("Status", "The status of the namespace", 0, (o, _) => Str(o["status"]?["phase"]) ?? "Active"),
        Age,
    ];

    private static readonly TableColumn[] Leases =
    [
        Name,
        Col("Holder", "The holder of the lease", 0, (o, _) => Str(o["spec"]?["holderIdentity"]) ?? ""),
        Age,
    ];

    private static readonly TableColumn[] DisruptionBudgets =
    [
        Name,
        Col("Min Available", "The minimum number of pods that must be available simultaneously.  This can be either an integer or percentage.", 0,
            (o, _) => o["spec"]?["minAvailable"]?.ToString() ?? "N/A"),
        Col("Max Unavailable", "The maximum number of pods that may be unavailable simultaneously.  This can be either an integer or percentage.", 0,
            (o, _) => o["spec"]?["maxUnavailable"]?.ToString() ?? "N/A"),
        new("Allowed Disruptions", "integer", "", "Calculated number of pods that may be disrupted at this time.", 0,
            (o, _) => Int(o["status"]?["disruptionsAllowed"])),
        Age,
    ];

    private static readonly TableColumn[] StorageClasses =
    [
        Name with { Cell = (o, _) => IsDefaultClass(o) ? Meta.Name(o) + " (default)" : Meta.Name(o) },
        Col("Provisioner", "Indicates the type of the provisioner.", 0, (o, _) => Str(o["provisioner"]) ?? ""),
        Col("ReclaimPolicy", "Dynamically provisioned PersistentVolumes of this storage class are created with this reclaimPolicy.", 0,
            (o, _) => Str(o["reclaimPolicy"]) ?? "Delete"),
        Col("VolumeBindingMode", "VolumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.", 0,
            (o, _) => Str(o["volumeBindingMode"]) ?? "Immediate"),
        Col("AllowVolumeExpansion", "AllowVolumeExpansion shows whether the storage class allow volume expand.", 0,
            (o, _) => o["allowVolumeExpansion"]?.GetValue<bool>() == true ? "true" : "false"),
        Age,
    ];

    internal static TableColumn Col(string name, string description, int priority, Func<JsonObject, DateTimeOffset, JsonNode?> cell) =>
        new(name, "string", "", description, priority, cell);

    private static bool IsDefaultClass(JsonObject o) =>
        Str(o["metadata"]?["annotations"]?["storageclass.kubernetes.io/is-default-class"]) == "true";

    public static string AgeOf(JsonObject o, DateTimeOffset now) => Since(Meta.String(o, "creationTimestamp"), now) ?? "<unknown>";

    public static string? Since(string? timestamp, DateTimeOffset now) =>
        Meta.ParseTimestamp(timestamp) is { } t ? HumanDuration.Format(now - t) : null;

    private static string PodReady(JsonObject pod)
    {
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = (pod["status"]?["containerStatuses"] as JsonArray)?.Count(c => c?["ready"]?.GetValue<bool>() == true) ?? 0;
        return Text($"{ready}/{total}");
    }

    private static string PodStatus(JsonObject pod)
    {
        if (Meta.IsDeleting(pod)) return "Terminating";
        var reason = Str(pod["status"]?["reason"]);
        foreach (var status in (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Str(status["state"]?["waiting"]?["reason"]) is { Length: > 0 } waiting) reason = waiting;
            else if (Str(status["state"]?["terminated"]?["reason"]) is { Length: > 0 } terminated) reason = terminated;
        }
        return reason ?? Str(pod["status"]?["phase"]) ?? "Pending";
    }

    private static string Restarts(JsonObject pod) =>
        Text($"{(pod["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => Int(c?["restartCount"]))}");

    private static string ExternalIp(JsonObject service)
    {
        var type = Str(service["spec"]?["type"]);
        var external = (service["spec"]?["externalIPs"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        if (type == "LoadBalancer")
        {
            external.AddRange((service["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? [])
                .Select(i => Str(i?["ip"]) ?? Str(i?["hostname"])).OfType<string>());
            return external.Count > 0 ? string.Join(",", external) : "<pending>";
        }
        return external.Count > 0 ? string.Join(",", external) : None;
    }

    private static string ServicePorts(JsonObject service)
    {
        var ports = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p =>
        {
            var nodePort = Int(p["nodePort"]);
            var protocol = Str(p["protocol"]) ?? "TCP";
            return nodePort > 0 ? Text($"{Int(p["port"])}:{nodePort}/{protocol}") : Text($"{Int(p["port"])}/{protocol}");
        }).ToList();
        return ports.Count > 0 ? string.Join(",", ports) : None;
    }

    private static string AccessModes(JsonObject claim)
    {
        var modes = (claim["status"]?["accessModes"] as JsonArray ?? []).Select(Str).OfType<string>().Select(m => m switch
        {
            "ReadWriteOnce" => "RWO",
            "ReadOnlyMany" => "ROX",
            "ReadWriteMany" => "RWX",
            "ReadWriteOncePod" => "RWOP",
            _ => m,
        });
        return string.Join(",", modes);
    }

    internal static string Containers(JsonObject sts, string field) =>
        string.Join(",", (sts["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).Select(c => Str(c?[field])).OfType<string>());

    private static string EventLastSeen(JsonObject e, DateTimeOffset now) =>
        Since(Str(e["lastTimestamp"]) ?? Str(e["eventTime"]) ?? Str(e["firstTimestamp"]) ?? Meta.String(e, "creationTimestamp"), now) ?? "<unknown>";

    private static string EventSource(JsonObject e)
    {
        var component = Str(e["source"]?["component"]) ?? Str(e["reportingComponent"]) ?? "";
        var host = Str(e["source"]?["host"]);
        return host is { Length: > 0 } ? $"{component}, {host}" : component;
    }

    internal static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static long Int(JsonNode? node) =>
        Patching.JsonNodes.AsInteger(node) ?? 0;

    internal static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
