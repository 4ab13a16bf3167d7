namespace VisitCounter.Kube.Selectors;

/// <summary>
/// A parsed label selector in the string syntax of <c>kubectl -l</c> and <c>?labelSelector=</c>:
/// <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, <c>a in (x,y)</c>, <c>a notin (x,y)</c>, joined by commas (AND).
/// One parser for both sides: informers filter their caches with it, and the local API server answers
/// <c>?labelSelector=</c> with it (turning its <see cref="FormatException"/> into a 400).
/// See https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => this.requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>A selector requiring every pair of <paramref name="labels"/> (what <c>matchLabels</c> means).</summary>
    public static LabelSelector FromMatchLabels(IEnumerable<KeyValuePair<string, string>> labels) =>
        new([.. labels.Select(pair => new Requirement(pair.Key, Operator.In, [pair.Value]))]);

    /// <summary>Parses <paramref name="selector"/>; null or blank matches everything.</summary>
    /// <exception cref="FormatException">The selector is malformed; the message names the offending part.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        return new LabelSelector([.. SplitTopLevel(selector).Select(part => ParseRequirement(selector, part.Trim()))]);
    }

    /// <summary>True when the selector has no requirements (it matches everything).</summary>
    public bool IsEmpty => requirements.Count == 0;

    /// <summary>True when every requirement holds for <paramref name="labels"/> (null = no labels).</summary>
    public bool Matches(IEnumerable<KeyValuePair<string, string>>? labels)
    {
        foreach (var requirement in requirements)
        {
            var present = TryGet(labels, requirement.Key, out var value);
            var holds = requirement.Operator switch
            {
                Operator.Exists => present,
                Operator.DoesNotExist => !present,
                Operator.In => present && requirement.Values.Contains(value!, StringComparer.Ordinal),
                Operator.NotIn => !present || !requirement.Values.Contains(value!, StringComparer.Ordinal),
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGet(IEnumerable<KeyValuePair<string, string>>? labels, string key, out string? value)
    {
        value = null;
        switch (labels)
        {
            case null:
                return false;
            case IReadOnlyDictionary<string, string> readOnly:
                return readOnly.TryGetValue(key, out value);
            case IDictionary<string, string> dictionary:
                return dictionary.TryGetValue(key, out value);
            default:
                foreach (var (k, v) in labels)
                {
                    if (string.Equals(k, key, StringComparison.Ordinal))
                    {
                        value = v;
                        return true;
                    }
                }

                return false;
        }
    }

    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..];
    }

    private static Requirement ParseRequirement(string selector, string part)
    {
        if (part.Length == 0)
        {
            throw Invalid(selector, part, "empty requirement (check for a doubled or trailing comma)");
        }

        if (part[0] == '!')
        {
            return new Requirement(Key(selector, part, part[1..]), Operator.DoesNotExist, []);
        }

        foreach (var (token, op) in new[] { ("!=", Operator.NotIn), ("==", Operator.In), ("=", Operator.In) })
        {
            var index = part.IndexOf(token, StringComparison.Ordinal);
            if (index > 0)
            {
                var value = part[(index + token.Length)..].Trim();
                return new Requirement(Key(selector, part, part[..index]), op, [Value(selector, part, value)]);
            }
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1)
        {
            return new Requirement(Key(selector, part, words[0]), Operator.Exists, []);
        }

        var rest = words[1];
        var setOperator = rest.StartsWith("notin", StringComparison.Ordinal) ? Operator.NotIn
            : rest.StartsWith("in", StringComparison.Ordinal) ? Operator.In
            : throw Invalid(selector, part, "expected =, ==, !=, in or notin after the key");
        var set = rest[(setOperator == Operator.NotIn ? 5 : 2)..].Trim();
        if (set.Length < 2 || set[0] != '(' || set[^1] != ')')
        {
            throw Invalid(selector, part, "a set must be written in parentheses, e.g. tier in (web,api)");
        }

        var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).Select(v => Value(selector, part, v)).ToArray();
        return new Requirement(Key(selector, part, words[0]), setOperator, values);
    }

    private static string Key(string selector, string part, string key)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Invalid(selector, part, $"'{key}' is not a valid label key");
        }

        return key;
    }

    private static string Value(string selector, string part, string value)
    {
        if (value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw Invalid(selector, part, $"'{value}' is not a valid label value");
        }

        return value;
    }

    private static FormatException Invalid(string selector, string part, string reason) =>
        new($"Invalid label selector '{selector}' at '{part}': {reason}.");

    private enum Operator
    {
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Operator, string[] Values);
}
