using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Features;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// The strategies' <c>drop…DisabledFields</c>: a field behind a gate that is off is removed on create, and on update
/// unless the stored object already uses it (so turning a gate off never destroys data already written).
/// Runs in PrepareForCreate/PrepareForUpdate, i.e. after the field manager and mutating admission, before validation.
/// </summary>
internal static class DisabledFields
{
    /// <summary>Removes from <paramref name="obj"/> what its kind's disabled gates forbid; <paramref name="old"/> is null on create.</summary>
    public static void Drop(ResourceRef resource, JsonObject obj, JsonObject? old, EffectiveFeatureGates gates)
    {
        if (resource == ResourceRef.StatefulSets) DropStatefulSetFields(obj, old, gates);
    }

    // pkg/registry/apps/statefulset/strategy.go dropStatefulSetDisabledFields.
    private static void DropStatefulSetFields(JsonObject statefulSet, JsonObject? old, EffectiveFeatureGates gates)
    {
        if (!gates.IsEnabled(FeatureGates.MaxUnavailableStatefulSet) && !MaxUnavailableInUse(old) &&
            statefulSet["spec"]?["updateStrategy"]?["rollingUpdate"] is JsonObject rollingUpdate)
        {
            rollingUpdate.Remove("maxUnavailable");
        }
    }

    private static bool MaxUnavailableInUse(JsonObject? statefulSet) =>
        statefulSet?["spec"]?["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"] is not null;
}
