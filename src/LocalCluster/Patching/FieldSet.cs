using System.Text;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// A set of field paths as server-side apply tracks ownership, in the <c>FieldsV1</c> shape of
/// <c>metadata.managedFields[].fieldsV1</c>: path elements <c>f:name</c> (a field), <c>k:{"name":"c"}</c>
/// (a map-list element by its keys), <c>v:"x"</c> (a set element by value), <c>i:0</c> (an index), and
/// <c>.</c> marking that a path with children is itself a member (a list element that exists).
/// </summary>
public sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>True when the path leading to this node is itself in the set.</summary>
    public bool IsMember { get; private set; }

    /// <summary>True when the set holds no path.</summary>
    public bool IsEmpty => !IsMember && _children.Values.All(c => c.IsEmpty);

    /// <summary>Reads a <c>fieldsV1</c> object.</summary>
    public static FieldSet FromFieldsV1(JsonObject? fieldsV1)
    {
        var set = new FieldSet();
        if (fieldsV1 is not null)
        {
            Read(set, fieldsV1);
        }

        return set;
    }

    /// <summary>Writes the set as a <c>fieldsV1</c> object.</summary>
    public JsonObject ToFieldsV1()
    {
        var result = new JsonObject();
        if (IsMember && _children.Count > 0)
        {
            result["."] = new JsonObject();
        }

        foreach (var (key, child) in _children)
        {
            if (!child.IsEmpty)
            {
                result[key] = child.ToFieldsV1();
            }
        }

        return result;
    }

    /// <summary>Adds a path (a list of <c>f:</c>/<c>k:</c>/<c>v:</c>/<c>i:</c> elements); the empty path is ignored.</summary>
    public void Add(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                child = new FieldSet();
                node._children[element] = child;
            }

            node = child;
        }

        node.IsMember = true;
    }

    /// <summary>True when the path itself is in the set.</summary>
    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true && path.Count > 0;

    /// <summary>True when the path or any path below it is in the set.</summary>
    public bool ContainsAtOrBelow(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    /// <summary>Every member path, parents before children.</summary>
    public IEnumerable<IReadOnlyList<string>> Members() => Members([]);

    /// <summary>The paths of this set or of <paramref name="other"/>.</summary>
    public FieldSet Union(FieldSet other)
    {
        var result = new FieldSet();
        foreach (var path in Members().Concat(other.Members()))
        {
            result.Add(path);
        }

        return result;
    }

    /// <summary>The paths of this set that are not in <paramref name="other"/>.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet();
        foreach (var path in Members().Where(p => !other.Contains(p)))
        {
            result.Add(path);
        }

        return result;
    }

    /// <summary>The paths of this set that are also in <paramref name="other"/>.</summary>
    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet();
        foreach (var path in Members().Where(other.Contains))
        {
            result.Add(path);
        }

        return result;
    }

    /// <summary>The paths of this set that neither are in <paramref name="prefixes"/> nor lie below one of them.</summary>
    public FieldSet WithoutTrees(FieldSet prefixes)
    {
        var result = new FieldSet();
        foreach (var path in Members().Where(p => !Enumerable.Range(1, p.Count).Any(n => prefixes.Contains(p.Take(n).ToArray()))))
        {
            result.Add(path);
        }

        return result;
    }

    /// <summary>True when both sets hold the same paths.</summary>
    public bool SetEquals(FieldSet other) => Difference(other).IsEmpty && other.Difference(this).IsEmpty;

    /// <summary>
    /// A path as the API server prints it in conflict messages: <c>.spec.replicas</c>,
    /// <c>.spec.containers[name="counter"].image</c>, <c>.metadata.finalizers[="x"]</c>, <c>.items[0]</c>.
    /// </summary>
    public static string Display(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var element in path)
        {
            var body = element.Length > 2 ? element[2..] : string.Empty;
            switch (element[..Math.Min(2, element.Length)])
            {
                case "f:":
                    text.Append('.').Append(body);
                    break;
                case "k:":
                    var keys = JsonNode.Parse(body) as JsonObject ?? [];
                    text.Append('[').AppendJoin(',', keys.Select(k => k.Key + "=" + JsonNodes.Canonical(k.Value))).Append(']');
                    break;
                case "v:":
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToFieldsV1().ToJsonString();

    private FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private IEnumerable<IReadOnlyList<string>> Members(List<string> prefix)
    {
        if (IsMember && prefix.Count > 0)
        {
            yield return prefix.ToArray();
        }

        foreach (var (key, child) in _children)
        {
            prefix.Add(key);
            foreach (var path in child.Members(prefix))
            {
                yield return path;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private static void Read(FieldSet node, JsonObject fields)
    {
        foreach (var (key, value) in fields)
        {
            if (key == ".")
            {
                node.IsMember = true;
                continue;
            }

            var child = new FieldSet();
            node._children[key] = child;
            if (value is JsonObject nested && nested.Count > 0)
            {
                Read(child, nested);
            }
            else
            {
                child.IsMember = true;
            }
        }
    }
}
