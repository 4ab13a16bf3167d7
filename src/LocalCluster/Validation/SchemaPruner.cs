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

    /// <summary>The fields of ObjectMeta; anything else under a resource's <c>metadata</c> is unknown.</summary>
    private static readonly HashSet<string> ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    public static List<string> Prune(SchemaNode node, JsonNode? value, string path, bool keepResourceFields)
    {
        var removed = new List<string>();
        Walk(node, value, path, keepResourceFields, removed);
        return removed;
    }

    private static void PruneObjectMeta(JsonObject? metadata, string path, List<string> removed)
    {
        foreach (var name in metadata?.Select(p => p.Key).Where(k => !ObjectMetaFields.Contains(k)).ToList() ?? [])
        {
            metadata!.Remove(name);
            removed.Add(SchemaValidator.Join(path, name));
        }
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
                        if (name == "metadata")
                        {
                            PruneObjectMeta(child as JsonObject, childPath, removed);
                        }
                        else if (node.Property(name) is { } declared)
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
