using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Workloads.Objects;

/// <summary>A metav1.OwnerReference as the garbage collector and the StatefulSet controller see it.</summary>
internal sealed record OwnerReference(
    string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion)
{
    public static OwnerReference FromJson(JsonObject json) => new(
        json["apiVersion"]?.GetValue<string>() ?? "",
        json["kind"]?.GetValue<string>() ?? "",
        json["name"]?.GetValue<string>() ?? "",
        json["uid"]?.GetValue<string>() ?? "",
        json["controller"]?.GetValue<bool>() ?? false,
        json["blockOwnerDeletion"]?.GetValue<bool>() ?? false);

    public static OwnerReference To(JsonObject owner, bool controller, bool blockOwnerDeletion) =>
        new(owner.ApiVersion(), owner.Kind(), owner.Name(), owner.Uid(), controller, blockOwnerDeletion);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["name"] = Name,
            ["uid"] = Uid,
        };
        if (Controller)
        {
            json["controller"] = true;
        }

        if (BlockOwnerDeletion)
        {
            json["blockOwnerDeletion"] = true;
        }

        return json;
    }
}
