using System.Globalization;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>A parsed JSON pointer (RFC 6901): <c>/a/b~1c/0</c> becomes <c>["a", "b/c", "0"]</c>.</summary>
public sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens; empty for the whole document.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Parses a pointer; throws <see cref="PatchException"/> (malformed) for text not starting with <c>/</c>.</summary>
    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new PatchException($"invalid JSON pointer \"{text}\": must be empty or start with \"/\"", isMalformed: true);
        }

        var tokens = text[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        return new JsonPointer(text, tokens);
    }

    /// <summary>The pointer to the parent container (all tokens but the last).</summary>
    public IReadOnlyList<string> ParentTokens => Tokens.Take(Tokens.Count - 1).ToArray();

    /// <summary>The last token, the member name or index inside the parent.</summary>
    public string Last => Tokens[^1];

    /// <summary>Resolves a token list against a document; null when any step is missing.</summary>
    public static JsonNode? Resolve(JsonNode? root, IEnumerable<string> tokens, out bool found)
    {
        var current = root;
        foreach (var token in tokens)
        {
            switch (current)
            {
                case JsonObject o when o.TryGetPropertyValue(token, out var child):
                    current = child;
                    break;
                case JsonArray a when TryIndex(token, a.Count, out var index):
                    current = a[index];
                    break;
                default:
                    found = false;
                    return null;
            }
        }

        found = true;
        return current;
    }

    /// <summary>Parses an array index token (no leading zeros, no sign) below <paramref name="count"/>.</summary>
    public static bool TryIndex(string token, int count, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
    }
}
