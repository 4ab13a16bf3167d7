using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Selectors;

/// <summary>
/// A parsed field selector (<c>fieldSelector=</c>): comma-separated <c>path=value</c>, <c>path==value</c> or
/// <c>path!=value</c> terms over dotted paths into the object, e.g. <c>metadata.name=web</c> or
/// <c>involvedObject.kind=VisitCounterApp</c>. kubectl sends the terms in random order; order does not matter.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, string Value, bool Negated)> _terms;

    private FieldSelector(IReadOnlyList<(string[] Path, string Value, bool Negated)> terms) => _terms = terms;

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The value a term requires for <c>metadata.name</c>, if any (lets a get-by-name watch stay cheap).</summary>
    public string? RequiredName =>
        _terms.FirstOrDefault(t => !t.Negated && t.Path is ["metadata", "name"]).Value;

    /// <summary>Parses the selector string.</summary>
    /// <exception cref="ApiException">400 BadRequest for a term without an operator.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string[], string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Length == 0) continue;
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var op = negated ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=";
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }
            terms.Add((term[..at].Trim().Split('.'), term[(at + op.Length)..].Trim(), negated));
        }
        return new FieldSelector(terms);
    }

    /// <summary>True when every term holds for the object (a missing field counts as the empty string).</summary>
    public bool Matches(JsonObject obj) => _terms.All(t => (ValueAt(obj, t.Path) == t.Value) != t.Negated);

    private static string ValueAt(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = node is JsonObject o ? o[segment] : null;
            if (node is null) return "";
        }
        return node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v => v.ToJsonString(),
            _ => "",
        };
    }
}
