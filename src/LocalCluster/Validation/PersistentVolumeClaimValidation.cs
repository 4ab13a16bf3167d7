using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>core/v1 PersistentVolumeClaim validation: access modes, the storage request, and that only the request may grow on update.</summary>
internal static class PersistentVolumeClaimValidation
{
    private static readonly string[] AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

    public static void Validate(JsonObject obj, JsonObject? oldObj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        ValidateSpec(spec, "spec", errors);
        if (oldObj?["spec"] is not JsonObject oldSpec || spec is null)
        {
            return;
        }

        // a claim created without a class may get the default class later (retroactive default StorageClass, GA in 1.28)
        var classWasUnset = JsonNodes.Get(oldSpec, "storageClassName") is null;
        if (!JsonNodes.ValueEquals(WithoutRequests(oldSpec, classWasUnset), WithoutRequests(spec, classWasUnset)))
        {
            errors.Add(FieldErrors.Forbidden("spec", "spec is immutable after creation except resources.requests for bound claims"));
        }

        var before = JsonNodes.AsString(JsonNodes.Get(oldSpec, "resources", "requests", "storage"));
        var after = JsonNodes.AsString(JsonNodes.Get(spec, "resources", "requests", "storage"));
        if (before is not null && after is not null && Quantity.TryParse(before, out var b) && Quantity.TryParse(after, out var a) && a < b)
        {
            errors.Add(FieldErrors.Forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
        }
    }

    public static void ValidateSpec(JsonObject? spec, string path, List<FieldError> errors)
    {
        var modes = spec?["accessModes"] as JsonArray ?? [];
        if (modes.Count == 0)
        {
            errors.Add(FieldErrors.Required(path + ".accessModes", "at least 1 access mode is required"));
        }

        foreach (var mode in modes)
        {
            if (JsonNodes.AsString(mode) is not { } text || !AccessModes.Contains(text))
            {
                errors.Add(FieldErrors.NotSupported(path + ".accessModes", mode, AccessModes));
            }
        }

        var storage = JsonNodes.Get(spec, "resources", "requests", "storage");
        if (storage is null)
        {
            errors.Add(FieldErrors.Required($"{path}.resources[storage]"));
        }
        else if (JsonNodes.AsString(storage) is not { } text || !Quantity.TryParse(text, out var size))
        {
            errors.Add(FieldErrors.Invalid($"{path}.resources.requests[storage]", storage, Quantity.FormatMessage));
        }
        else if (size <= 0)
        {
            errors.Add(FieldErrors.Invalid($"{path}.resources.requests[storage]", storage, "must be greater than zero"));
        }
    }

    private static JsonObject WithoutRequests(JsonObject spec, bool ignoreStorageClass)
    {
        var copy = (JsonObject)spec.DeepClone();
        if (ignoreStorageClass)
        {
            copy.Remove("storageClassName");
        }

        (copy["resources"] as JsonObject)?.Remove("requests");
        if (copy["resources"] is JsonObject { Count: 0 })
        {
            copy.Remove("resources");
        }

        // binding a claim to a volume is the control plane's job, not a user edit
        copy.Remove("volumeName");
        return copy;
    }
}
