using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// JSON patch (RFC 6902, <c>application/json-patch+json</c>): <c>add</c>, <c>remove</c>, <c>replace</c>,
/// <c>move</c>, <c>copy</c> and <c>test</c>, applied in order and atomically (the input is never mutated;
/// a failing operation throws <see cref="PatchException"/> and nothing is returned).
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies the operations to a copy of <paramref name="target"/> and returns it.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var document = target.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new PatchException($"json patch operation {i} is not an object", isMalformed: true);
            }

            document = ApplyOne(document, operation);
        }

        return document;
    }

    private static JsonNode ApplyOne(JsonNode document, JsonObject operation)
    {
        var op = JsonNodes.AsString(operation["op"])
            ?? throw new PatchException("json patch operation is missing \"op\"", isMalformed: true);
        var path = JsonPointer.Parse(RequiredString(operation, "path", op));
        switch (op)
        {
            case "add":
                return Add(document, path, RequiredValue(operation, op));
            case "remove":
                Remove(document, path, op);
                return document;
            case "replace":
                return Replace(document, path, RequiredValue(operation, op));
            case "move":
                {
                    var from = JsonPointer.Parse(RequiredString(operation, "from", op));
                    if (path.Text.StartsWith(from.Text + "/", StringComparison.Ordinal))
                    {
                        throw new PatchException($"move operation cannot move \"{from.Text}\" into its own child \"{path.Text}\"");
                    }

                    var value = Get(document, from, op);
                    Remove(document, from, op);
                    return Add(document, path, value);
                }

            case "copy":
                {
                    var from = JsonPointer.Parse(RequiredString(operation, "from", op));
                    return Add(document, path, Get(document, from, op));
                }

            case "test":
                {
                    var expected = RequiredValue(operation, op);
                    var actual = JsonPointer.Resolve(document, path.Tokens, out var found);
                    if (!found || !JsonNodes.ValueEquals(actual, expected))
                    {
                        throw new PatchException($"testing value {path.Text} failed: test failed");
                    }

                    return document;
                }

            default:
                throw new PatchException($"unexpected json patch operation \"{op}\"", isMalformed: true);
        }
    }

    private static JsonNode Add(JsonNode document, JsonPointer path, JsonNode? value)
    {
        if (path.Tokens.Count == 0)
        {
            return value ?? throw new PatchException("add operation cannot replace the whole document with null");
        }

        var parent = Parent(document, path, "add");
        switch (parent)
        {
            case JsonObject o:
                o[path.Last] = value;
                break;
            case JsonArray a:
                if (path.Last == "-")
                {
                    a.Add(value);
                }
                else if (JsonPointer.TryIndex(path.Last, a.Count + 1, out var index))
                {
                    a.Insert(index, value);
                }
                else
                {
                    throw new PatchException($"add operation does not apply: index {path.Last} is out of bounds for {path.Text}");
                }

                break;
            default:
                throw Missing("add", path);
        }

        return document;
    }

    private static void Remove(JsonNode document, JsonPointer path, string op)
    {
        if (path.Tokens.Count == 0)
        {
            throw new PatchException($"{op} operation cannot remove the whole document");
        }

        switch (Parent(document, path, op))
        {
            case JsonObject o when o.ContainsKey(path.Last):
                o.Remove(path.Last);
                break;
            case JsonArray a when JsonPointer.TryIndex(path.Last, a.Count, out var index):
                a.RemoveAt(index);
                break;
            default:
                throw Missing(op, path);
        }
    }

    private static JsonNode Replace(JsonNode document, JsonPointer path, JsonNode? value)
    {
        if (path.Tokens.Count == 0)
        {
            return value ?? throw new PatchException("replace operation cannot replace the whole document with null");
        }

        switch (Parent(document, path, "replace"))
        {
            case JsonObject o when o.ContainsKey(path.Last):
                o[path.Last] = value;
                break;
            case JsonArray a when JsonPointer.TryIndex(path.Last, a.Count, out var index):
                a[index] = value;
                break;
            default:
                throw Missing("replace", path);
        }

        return document;
    }

    private static JsonNode? Get(JsonNode document, JsonPointer from, string op)
    {
        var value = JsonPointer.Resolve(document, from.Tokens, out var found);
        return found ? value?.DeepClone() : throw Missing(op, from);
    }

    private static JsonNode? Parent(JsonNode document, JsonPointer path, string op)
    {
        var parent = JsonPointer.Resolve(document, path.ParentTokens, out var found);
        return found ? parent : throw Missing(op, path);
    }

    private static PatchException Missing(string op, JsonPointer path) =>
        new($"{op} operation does not apply: doc is missing path: \"{path.Text}\": missing value");

    private static string RequiredString(JsonObject operation, string member, string op) =>
        JsonNodes.AsString(operation[member])
        ?? throw new PatchException($"json patch {op} operation is missing \"{member}\"", isMalformed: true);

    private static JsonNode? RequiredValue(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new PatchException($"json patch {op} operation is missing \"value\"", isMalformed: true);
}
