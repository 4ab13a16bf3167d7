using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.ApiServer.Tables;

/// <summary>What a Table row carries as <c>object</c> (the <c>includeObject</c> parameter).</summary>
public enum IncludeObject
{
    /// <summary>A PartialObjectMetadata (the default).</summary>
    Metadata,
    /// <summary>The full object.</summary>
    Object,
    /// <summary>Nothing.</summary>
    None,
}

/// <summary>
/// Converts objects to meta.k8s.io/v1 Tables (https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables):
/// CRD printer columns (with the Age default), the built-in printers, or the server default (Name, Created At).
/// </summary>
internal static class TableConverter
{
    private static readonly TableColumn CreatedAt = new("Created At", "date", "",
        "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
        (o, _) => Meta.String(o, "creationTimestamp"));

    public static IReadOnlyList<TableColumn> Columns(ResourceDefinition definition)
    {
        if (definition.IsCustom)
        {
            var printer = definition.PrinterColumns.Count > 0
                ? definition.PrinterColumns
                : [new PrinterColumn("Age", "date", "", "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp", 0, ".metadata.creationTimestamp")];
            return [BuiltinColumns.Name, .. printer.Select(ForPrinterColumn)];
        }
        return BuiltinColumns.For(definition.Ref) ?? [BuiltinColumns.Name, CreatedAt];
    }

    /// <summary>A Table of the items; <paramref name="withColumns"/> false sends <c>columnDefinitions: null</c> (watch events after the first).</summary>
    public static JsonObject Table(ResourceDefinition definition, IEnumerable<JsonObject> items, string resourceVersion, string? continueToken,
        long? remaining, IncludeObject include, bool withColumns, DateTimeOffset now)
    {
        var columns = Columns(definition);
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null) metadata["continue"] = continueToken;
        if (remaining is not null) metadata["remainingItemCount"] = remaining.Value;
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var column in columns) cells.Add(column.Cell(item, now));
            rows.Add((JsonNode)new JsonObject { ["cells"] = cells, ["object"] = RowObject(item, include) });
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = withColumns ? new JsonArray(columns.Select(c => (JsonNode)c.Definition()).ToArray()) : null,
            ["rows"] = rows,
        };
    }

    private static JsonNode? RowObject(JsonObject item, IncludeObject include) => include switch
    {
        IncludeObject.Object => item.DeepClone(),
        IncludeObject.None => null,
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = item["metadata"]?.DeepClone(),
        },
    };

    /// <summary>A CRD printer column: the JSONPath value converted by the column type (apiextensions tableconvertor).</summary>
    private static TableColumn ForPrinterColumn(PrinterColumn column) =>
        new(column.Name, column.Type, column.Format, column.Description, column.Priority, (o, now) =>
        {
            var value = JsonPaths.Read(o, column.JsonPath);
            if (value is null) return null;
            return column.Type switch
            {
                "date" => value is JsonValue v && v.TryGetValue<string>(out var s) && Meta.ParseTimestamp(s) is { } t
                    ? HumanDuration.Format(now - t)
                    : null,
                "integer" => JsonNodes.AsInteger(value),
                "number" => JsonNodes.AsDouble(value),
                "boolean" => value is JsonValue bv && bv.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? bv.GetValue<bool>() : null,
                _ => value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? sv.GetValue<string>() : value.ToJsonString(),
            };
        });

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
