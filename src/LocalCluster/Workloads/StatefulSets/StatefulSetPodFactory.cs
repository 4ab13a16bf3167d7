using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Builds the pods and claims of a StatefulSet the way Kubernetes' newStatefulSetPod and getPersistentVolumeClaims
/// do: pod NAME-ORDINAL from the revision's template with the identity labels, hostname and subdomain, and each
/// volumeClaimTemplate TEMPLATE turned into claim TEMPLATE-NAME-ORDINAL mounted under the template's name.
/// </summary>
internal static class StatefulSetPodFactory
{
    public const string RevisionLabel = "controller-revision-hash";
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    public static string PodName(string setName, int ordinal) => setName + "-" + ordinal.ToString(CultureInfo.InvariantCulture);

    public static string ClaimName(string templateName, string setName, int ordinal) => templateName + "-" + PodName(setName, ordinal);

    /// <summary>The ordinal of a pod or claim named PREFIX-ORDINAL, or null when the name does not have that shape.</summary>
    public static int? OrdinalOf(string name, string prefix)
    {
        if (!name.StartsWith(prefix + "-", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = name.AsSpan(prefix.Length + 1);
        if (digits.Length == 0 || digits.Length > 9 || (digits.Length > 1 && digits[0] == '0'))
        {
            return null;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    public static JsonObject NewPod(JsonObject statefulSet, JsonObject template, string revision, int ordinal)
    {
        var set = StatefulSetView.FromJson(statefulSet);
        var name = PodName(set.Name, ordinal);
        var templateMeta = template["metadata"] as JsonObject;

        var labels = templateMeta?["labels"]?.DeepClone() as JsonObject ?? [];
        labels[RevisionLabel] = revision;
        labels[PodNameLabel] = name;
        labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);

        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = set.Namespace,
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(OwnerReference.To(statefulSet, controller: true, blockOwnerDeletion: true).ToJson()),
        };
        if (templateMeta?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        var spec = template["spec"]?.DeepClone() as JsonObject ?? [];
        spec["hostname"] = name;
        if (statefulSet["spec"]?["serviceName"]?.GetValue<string>() is { Length: > 0 } serviceName)
        {
            spec["subdomain"] = serviceName;
        }

        AttachClaims(spec, set, ordinal);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }

    public static JsonObject NewClaim(JsonObject statefulSet, JsonObject claimTemplate, int ordinal, string? defaultStorageClass)
    {
        var set = StatefulSetView.FromJson(statefulSet);
        var templateName = claimTemplate["metadata"]?["name"]?.GetValue<string>() ?? "";
        var labels = claimTemplate["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in set.SelectorLabels)
        {
            labels[key] = value;
        }

        var spec = claimTemplate["spec"]?.DeepClone() as JsonObject ?? [];
        if (spec["storageClassName"] is null && defaultStorageClass is not null)
        {
            // What the DefaultStorageClass admission plugin does to a claim that names no class.
            spec["storageClassName"] = defaultStorageClass;
        }

        spec["volumeMode"] ??= "Filesystem";
        var metadata = new JsonObject
        {
            ["name"] = ClaimName(templateName, set.Name, ordinal),
            ["namespace"] = set.Namespace,
            ["labels"] = labels,
        };
        if (claimTemplate["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }

    private static void AttachClaims(JsonObject podSpec, StatefulSetView set, int ordinal)
    {
        if (set.VolumeClaimTemplates.Count == 0)
        {
            return;
        }

        var volumes = podSpec["volumes"] as JsonArray ?? [];
        podSpec["volumes"] = volumes;
        foreach (var claimTemplate in set.VolumeClaimTemplates)
        {
            var templateName = claimTemplate["metadata"]?["name"]?.GetValue<string>() ?? "";
            // A template volume of the same name is replaced, as the real controller does.
            var same = volumes.OfType<JsonObject>().FirstOrDefault(v => v["name"]?.GetValue<string>() == templateName);
            if (same is not null)
            {
                volumes.Remove(same);
            }

            volumes.Add((JsonNode)new JsonObject
            {
                ["name"] = templateName,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = ClaimName(templateName, set.Name, ordinal) },
            });
        }
    }
}
