using System.Globalization;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>One <c>metadata.managedFields[]</c> entry: who owns which fields, through which operation.</summary>
/// <param name="Manager">The field manager, e.g. <c>kubectl-client-side-apply</c>.</param>
/// <param name="Operation"><c>Apply</c> or <c>Update</c>.</param>
/// <param name="ApiVersion">The API version the manager wrote through.</param>
/// <param name="Time">When the entry last changed.</param>
/// <param name="Subresource">The subresource written through (<c>status</c>, <c>scale</c>), or empty.</param>
/// <param name="Fields">The owned fields.</param>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, DateTimeOffset? Time, string Subresource, FieldSet Fields)
{
    /// <summary>The <c>Apply</c> operation name.</summary>
    public const string ApplyOperation = "Apply";

    /// <summary>The <c>Update</c> operation name.</summary>
    public const string UpdateOperation = "Update";

    /// <summary>
    /// True when both entries belong to the same manager identity: the real server keys managers by
    /// name, operation, subresource and, for updates, the API version.
    /// </summary>
    public bool SameIdentity(string manager, string operation, string subresource, string apiVersion) =>
        Manager == manager && Operation == operation && Subresource == subresource
        && (operation == ApplyOperation || ApiVersion == apiVersion);

    /// <summary>How the API server names this manager in conflict messages.</summary>
    public string Describe()
    {
        var text = "\"" + Manager + "\"";
        if (Subresource.Length > 0)
        {
            text += " with subresource \"" + Subresource + "\"";
        }

        return Operation == UpdateOperation ? text + " using " + ApiVersion : text;
    }

    /// <summary>Reads <c>metadata.managedFields</c> of an object; malformed entries are skipped.</summary>
    public static List<ManagedFieldsEntry> ReadAll(JsonObject? obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (JsonNodes.Get(obj, "metadata", "managedFields") is not JsonArray list)
        {
            return entries;
        }

        foreach (var item in list.OfType<JsonObject>())
        {
            var manager = JsonNodes.AsString(item["manager"]) ?? string.Empty;
            var operation = JsonNodes.AsString(item["operation"]) ?? UpdateOperation;
            DateTimeOffset? time = DateTimeOffset.TryParse(JsonNodes.AsString(item["time"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            entries.Add(new ManagedFieldsEntry(
                manager,
                operation,
                JsonNodes.AsString(item["apiVersion"]) ?? string.Empty,
                time,
                JsonNodes.AsString(item["subresource"]) ?? string.Empty,
                FieldSet.FromFieldsV1(item["fieldsV1"] as JsonObject)));
        }

        return entries;
    }

    /// <summary>
    /// Writes the entries into <c>metadata.managedFields</c>, dropping empty ones and sorting like the real
    /// server (operation, then time, manager, API version); removes the list when nothing is left.
    /// </summary>
    public static void WriteAll(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var kept = entries.Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ToList();
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (kept.Count == 0)
        {
            metadata.Remove("managedFields");
            return;
        }

        metadata["managedFields"] = new JsonArray(kept.Select(e => (JsonNode)e.ToJson()).ToArray());
    }

    /// <summary>The entry as JSON, in the field order the real server uses.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
        };
        if (Time is { } time)
        {
            json["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        json["fieldsType"] = "FieldsV1";
        json["fieldsV1"] = Fields.ToFieldsV1();
        if (Subresource.Length > 0)
        {
            json["subresource"] = Subresource;
        }

        return json;
    }
}
