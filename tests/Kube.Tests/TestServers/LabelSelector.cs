using System.Text.Json.Nodes;

namespace VisitCounter.Kube.Tests.TestServers;

/// <summary>Equality-based label selectors (<c>a=b,c!=d</c>), enough for client tests.</summary>
public sealed class LabelSelector
{
    private readonly List<(string Key, string Value, bool Equal)> terms = new();

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        foreach (var term in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var notEqual = term.Split("!=", 2);
            if (notEqual.Length == 2)
            {
                selector.terms.Add((notEqual[0], notEqual[1], false));
                continue;
            }

            var equal = term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            selector.terms.Add((equal[0], equal.Length == 2 ? equal[1] : string.Empty, true));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var (key, value, equal) in terms)
        {
            var actual = labels?[key]?.GetValue<string>();
            if (equal != (actual == value))
            {
                return false;
            }
        }

        return true;
    }
}
