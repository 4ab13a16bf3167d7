using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// Structural defaulting as the real server does it on read and write: a <c>default</c> fills an absent
/// field (or a null one that is not nullable, which is otherwise dropped), then defaulting recurses into
/// the value, so defaults inside an object default apply too.
/// </summary>
internal static class SchemaDefaulter
{
    public static void Apply(SchemaNode node, JsonNode? value, bool isRoot)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, schema) in node.Properties)
                {
                    if (isRoot && name == "metadata")
                    {
                        continue;
                    }

                    if (obj.TryGetPropertyValue(name, out var current) && current is null && !schema.Nullable)
                    {
                        obj.Remove(name); // null in a non-nullable field is pruned before defaulting
                    }

                    if (!obj.ContainsKey(name) && schema.Default is { } defaultValue)
                    {
                        obj[name] = defaultValue.DeepClone();
                    }

                    if (obj[name] is { } child)
                    {
                        Apply(schema, child, isRoot: false);
                    }
                }

                if (node.AdditionalProperties is { } additional)
                {
                    foreach (var (name, child) in obj.ToList())
                    {
                        if (node.Property(name) is null && child is not null)
                        {
                            Apply(additional, child, isRoot: false);
                        }
                    }
                }

                break;
            case JsonArray array when node.Items is not null:
                foreach (var item in array)
                {
                    Apply(node.Items, item, isRoot: false);
                }

                break;
        }
    }
}
