using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Selectors;

/// <summary>
/// A parsed label selector in the string form of the API (<c>labelSelector=</c>): equality-based
/// (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>) and set-based (<c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>)
/// requirements joined by commas, all of which must hold.
/// See https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>True when the selector has no requirements.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Parses the selector string.</summary>
    /// <exception cref="ApiException">400 BadRequest naming the syntax problem.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<Requirement>();
        foreach (var term in SplitTerms(text))
        {
            requirements.Add(ParseTerm(term.Trim(), text));
        }
        return new LabelSelector(requirements);
    }

    /// <summary>True when every requirement holds for the labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return text[start..];
    }

    private static Requirement ParseTerm(string term, string whole)
    {
        if (term.Length == 0) throw Invalid(whole, "empty requirement");
        if (term.StartsWith('!'))
        {
            return new Requirement(CheckKey(term[1..].Trim(), whole), Operator.DoesNotExist, []);
        }
        var inIndex = IndexOfWord(term, " notin ");
        if (inIndex >= 0) return SetTerm(term, inIndex, " notin ".Length, Operator.NotIn, whole);
        inIndex = IndexOfWord(term, " in ");
        if (inIndex >= 0) return SetTerm(term, inIndex, " in ".Length, Operator.In, whole);
        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                var key = CheckKey(term[..at].Trim(), whole);
                var value = term[(at + token.Length)..].Trim();
                return new Requirement(key, op, [value]);
            }
        }
        return new Requirement(CheckKey(term, whole), Operator.Exists, []);
    }

    private static int IndexOfWord(string term, string word) => term.IndexOf(word, StringComparison.Ordinal);

    private static Requirement SetTerm(string term, int at, int length, Operator op, string whole)
    {
        var key = CheckKey(term[..at].Trim(), whole);
        var rest = term[(at + length)..].Trim();
        if (!rest.StartsWith('(') || !rest.EndsWith(')'))
        {
            throw Invalid(whole, "found '" + rest + "', expected: '('");
        }
        var values = rest[1..^1].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
        return new Requirement(key, op, values);
    }

    private static string CheckKey(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Invalid(whole, $"invalid label key \"{key}\"");
        }
        return key;
    }

    private static ApiException Invalid(string selector, string why) =>
        ApiException.BadRequest($"unable to parse requirement: {why} (selector \"{selector}\")");

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Op, string[] Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Equals or Operator.In => has && Values.Contains(value),
                Operator.NotEquals or Operator.NotIn => !has || !Values.Contains(value),
                Operator.Exists => has,
                _ => !has,
            };
        }
    }
}
