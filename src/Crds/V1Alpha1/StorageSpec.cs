using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The persistent volume claim template of each pod; the claim of pod web-0 is named data-web-0.</summary>
public sealed class StorageSpec
{
    /// <summary>Requested volume size as a resource quantity, e.g. 1Gi or 500Mi. Defaults to 1Gi. It can grow if the storage class allows expansion, never shrink.</summary>
    [DefaultValue("1Gi")]
    [Pattern(QuantityPattern.Regex)]
    [IntOrString]
    [JsonConverter(typeof(QuantityTextJsonConverter))]
    public string? Size { get; set; }

    /// <summary>Storage class of the claims. Empty: the cluster's default storage class.</summary>
    public string? StorageClassName { get; set; }

    /// <summary>Access modes of the claims. Defaults to [ReadWriteOnce].</summary>
    [EnumValues(V1Alpha1.AccessModes.ReadWriteOnce, V1Alpha1.AccessModes.ReadOnlyMany, V1Alpha1.AccessModes.ReadWriteMany, V1Alpha1.AccessModes.ReadWriteOncePod)]
    [DefaultValue("[\"ReadWriteOnce\"]", IsJson = true)]
    public IList<string>? AccessModes { get; set; }

    /// <summary>What happens to the claims when the VisitCounterApp is deleted: Retain (default) or Delete.</summary>
    [EnumValues(RetentionPolicies.Retain, RetentionPolicies.Delete)]
    [DefaultValue(RetentionPolicies.Retain)]
    public string? WhenDeleted { get; set; }

    /// <summary>What happens to the claims of removed pods when scaling down: Retain (default) or Delete.</summary>
    [EnumValues(RetentionPolicies.Retain, RetentionPolicies.Delete)]
    [DefaultValue(RetentionPolicies.Retain)]
    public string? WhenScaled { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
