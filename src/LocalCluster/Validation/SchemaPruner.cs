using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// Removes fields the structural schema does not declare, except under
/// <c>x-kubernetes-preserve-unknown-fields</c>; <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> stay at the
/// root and in embedded resources. Reports the removed paths as the strict decoder names them (<c>spec.colour</c>).
/// </summary>
internal static class SchemaPruner
{
    private static readonly HashSet<string> ResourceFields = ["apiVersion", "kind", "metadata"];

    public static List<string> Prune(SchemaNode node, JsonNode? value, string path, bool keepResourceFields)
    {
        var removed = new List<string>();
        Walk(node, value, path, keepResourceFields, removed);
        return removed;
    }

    private static void Walk(SchemaNode node, JsonNode? value, string path, bool keepResourceFields, List<string> removed)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var childPath = SchemaValidator.Join(path, name);
                    if (keepResourceFields && ResourceFields.Contains(name))
                    {
                        if (node.Property(name) is { } declared && name != "metadata")
                        {
                            Walk(declared, child, childPath, false, removed);
                        }

                        continue;
                    }

                    var schema = node.Property(name) ?? node.AdditionalProperties;
                    if (schema is not null)
                    {
                        Walk(schema, child, childPath, schema.EmbeddedResource, removed);
                    }
                    else if (!node.PreserveUnknownFields)
                    {
                        obj.Remove(name);
                        removed.Add(childPath);
                    }
                }

                break;
            case JsonArray array when node.Items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(node.Items, array[i], $"{path}[{i}]", node.Items.EmbeddedResource, removed);
                }

                break;
        }
    }
}
