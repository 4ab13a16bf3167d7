using System.Text.RegularExpressions;

namespace VisitCounter.Crds.Tests;

/// <summary>
/// A token-level check that a CEL rule only uses the subset the local API server evaluates:
/// self/oldSelf, field access, has(), literals, list literals, comparison and boolean operators, in,
/// the ternary, size() and the string methods startsWith/endsWith/contains/matches.
/// </summary>
internal static partial class CelSubset
{
    private static readonly HashSet<string> FreeIdentifiers = ["self", "oldSelf", "has", "size", "true", "false", "null", "in"];
    private static readonly HashSet<string> Methods = ["size", "startsWith", "endsWith", "contains", "matches"];
    private static readonly HashSet<string> Operators = ["==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "+", "-", "?", ":", "(", ")", "[", "]", ",", "."];

    public static bool IsWithinSubset(string rule, out string problem)
    {
        var tokens = TokenRegex().Matches(rule).Select(m => m.Value).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (string.Concat(TokenRegex().Matches(rule).Select(m => m.Value)).Length != rule.Length)
        {
            problem = "contains characters outside the subset's tokens";
            return false;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var afterDot = i > 0 && tokens[i - 1] == ".";
            var isCall = i + 1 < tokens.Count && tokens[i + 1] == "(";
            if (IdentifierRegex().IsMatch(token))
            {
                if (afterDot && isCall && !Methods.Contains(token))
                {
                    problem = $"method {token}() is not in the subset";
                    return false;
                }

                if (!afterDot && !FreeIdentifiers.Contains(token))
                {
                    problem = $"identifier {token} is not in the subset";
                    return false;
                }
            }
            else if (!Operators.Contains(token) && !LiteralRegex().IsMatch(token))
            {
                problem = $"token {token} is not in the subset";
                return false;
            }
        }

        problem = "";
        return true;
    }

    [GeneratedRegex("""\s+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[0-9]+(?:\.[0-9]+)?|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[<>!+\-?:()\[\],.]""")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex("""^('.*'|".*"|[0-9]+(\.[0-9]+)?)$""")]
    private static partial Regex LiteralRegex();
}
