using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Tables;

/// <summary>A Table column and how to compute its cell from an object at a given time.</summary>
internal sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
