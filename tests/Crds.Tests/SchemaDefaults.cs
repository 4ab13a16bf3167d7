using System.Text.Json.Nodes;

namespace VisitCounter.Crds.Tests;

/// <summary>Applies OpenAPI <c>default</c>s the way the API server does: absent fields get their default, then defaults inside it apply.</summary>
internal static class SchemaDefaults
{
    public static void Apply(JsonObject value, JsonObject schema)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, propertySchema) in properties)
        {
            if (value[name] is null && propertySchema!["default"] is { } defaultValue)
            {
                value[name] = defaultValue.DeepClone();
            }

            if (value[name] is JsonObject child)
            {
                Apply(child, propertySchema!.AsObject());
            }
        }
    }
}
