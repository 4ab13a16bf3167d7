using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Errors;

/// <summary>metav1.StatusDetails. For NotFound/AlreadyExists/Conflict <see cref="Kind"/> holds the resource (plural), as the real server does.</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, string? Uid, IReadOnlyList<StatusCause> Causes)
{
    /// <summary>Details naming an object of a resource.</summary>
    public static StatusDetails For(ResourceRef resource, string name) => new(name, resource.Group, resource.Resource, null, []);

    /// <summary>The JSON form; empty fields are omitted like Go's omitempty.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (!string.IsNullOrEmpty(Name)) json["name"] = Name;
        if (!string.IsNullOrEmpty(Group)) json["group"] = Group;
        if (!string.IsNullOrEmpty(Kind)) json["kind"] = Kind;
        if (!string.IsNullOrEmpty(Uid)) json["uid"] = Uid;
        if (Causes.Count > 0)
        {
            var causes = new JsonArray();
            foreach (var cause in Causes)
            {
                var c = new JsonObject();
                if (cause.Reason.Length > 0) c["reason"] = cause.Reason;
                if (cause.Message.Length > 0) c["message"] = cause.Message;
                if (cause.Field.Length > 0) c["field"] = cause.Field;
                causes.Add((JsonNode)c);
            }
            json["causes"] = causes;
        }
        return json;
    }
}
