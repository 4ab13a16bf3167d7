using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VisitCounter.LocalCluster.Validation.Cel;

/// <summary>
/// One compiled <c>x-kubernetes-validations</c> rule of the agreed CEL subset, evaluated against JSON
/// values. <c>self</c> is the value the rule is placed on; <c>oldSelf</c> (transition rules) the value
/// before an update.
/// </summary>
public sealed class CelProgram
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);
    private readonly CelExpr _expr;

    private CelProgram(string rule, CelExpr expr)
    {
        Rule = rule;
        _expr = expr;
        IsTransitionRule = Mentions(expr, "oldSelf");
    }

    /// <summary>The rule text.</summary>
    public string Rule { get; }

    /// <summary>True when the rule reads <c>oldSelf</c>: it runs only on updates where the old value exists.</summary>
    public bool IsTransitionRule { get; }

    /// <summary>Parses a rule; throws <see cref="CelException"/> for syntax errors and anything outside the subset.</summary>
    public static CelProgram Compile(string rule) => new(rule, CelParser.Parse(rule));

    /// <summary>Evaluates the rule; throws <see cref="CelException"/> for evaluation errors (no such key, no matching overload, non-bool result).</summary>
    public bool Evaluate(JsonNode? self, JsonNode? oldSelf) =>
        Eval(_expr, self, oldSelf) is bool result
            ? result
            : throw new CelException("rule did not evaluate to a bool");

    /// <summary>The field names the rule selects directly on <c>self</c>/<c>oldSelf</c>, e.g. for <c>self.a.b</c> the chain <c>[a, b]</c>.</summary>
    internal IEnumerable<IReadOnlyList<string>> SelectedPaths() => Selections(_expr);

    private static IEnumerable<IReadOnlyList<string>> Selections(CelExpr expr)
    {
        switch (expr)
        {
            case CelSelect select when Chain(select) is { } chain:
                yield return chain;
                break;
            case CelSelect select:
                foreach (var s in Selections(select.Operand))
                {
                    yield return s;
                }

                break;
            case CelHas has:
                foreach (var s in Selections(has.Select))
                {
                    yield return s;
                }

                break;
            default:
                foreach (var child in Children(expr))
                {
                    foreach (var s in Selections(child))
                    {
                        yield return s;
                    }
                }

                break;
        }
    }

    private static List<string>? Chain(CelSelect select) => select.Operand switch
    {
        CelIdent => [select.Field],
        CelSelect inner when Chain(inner) is { } chain => [.. chain, select.Field],
        _ => null,
    };

    private static IEnumerable<CelExpr> Children(CelExpr expr) => expr switch
    {
        CelSelect s => [s.Operand],
        CelHas h => [h.Select],
        CelList l => l.Items,
        CelUnary u => [u.Operand],
        CelBinary b => [b.Left, b.Right],
        CelConditional c => [c.Condition, c.Then, c.Else],
        CelCall call => call.Target is null ? call.Args : [call.Target, .. call.Args],
        _ => [],
    };

    private static bool Mentions(CelExpr expr, string name) =>
        expr is CelIdent ident ? ident.Name == name : Children(expr).Any(c => Mentions(c, name));

    private static object Eval(CelExpr expr, JsonNode? self, JsonNode? oldSelf)
    {
        switch (expr)
        {
            case CelLiteral literal:
                return literal.Value;
            case CelIdent ident:
                return FromJson(ident.Name == "self" ? self : oldSelf);
            case CelSelect select:
                {
                    var operand = Eval(select.Operand, self, oldSelf);
                    if (operand is JsonObject map)
                    {
                        return map.TryGetPropertyValue(select.Field, out var value) ? FromJson(value) : throw new CelException($"no such key: {select.Field}");
                    }

                    throw new CelException($"type '{TypeName(operand)}' does not support field selection");
                }

            case CelHas has:
                {
                    var operand = Eval(has.Select.Operand, self, oldSelf);
                    return operand is JsonObject map
                        ? map.ContainsKey(has.Select.Field)
                        : throw new CelException($"invalid type for field selection: {TypeName(operand)}");
                }

            case CelList list:
                return list.Items.Select(i => Eval(i, self, oldSelf)).ToList();
            case CelUnary { Op: "!" } not:
                return Eval(not.Operand, self, oldSelf) is bool b ? !b : throw NoOverload("!_", Eval(not.Operand, self, oldSelf));
            case CelUnary negate:
                return Eval(negate.Operand, self, oldSelf) switch
                {
                    long l => -l,
                    double d => -d,
                    var other => throw NoOverload("-_", other),
                };
            case CelConditional conditional:
                return Eval(conditional.Condition, self, oldSelf) switch
                {
                    true => Eval(conditional.Then, self, oldSelf),
                    false => Eval(conditional.Else, self, oldSelf),
                    var other => throw NoOverload("_?_:_", other),
                };
            case CelBinary { Op: "&&" or "||" } logical:
                return Logical(logical, self, oldSelf);
            case CelBinary binary:
                return Binary(binary.Op, Eval(binary.Left, self, oldSelf), Eval(binary.Right, self, oldSelf));
            case CelCall call:
                return Call(call, self, oldSelf);
            default:
                throw new CelException("unsupported expression");
        }
    }

    /// <summary>CEL's commutative logic: a decisive operand wins even when the other one errs.</summary>
    private static bool Logical(CelBinary logical, JsonNode? self, JsonNode? oldSelf)
    {
        var decisive = logical.Op == "||";
        object? left;
        CelException? leftError = null;
        try
        {
            left = Eval(logical.Left, self, oldSelf);
        }
        catch (CelException e)
        {
            left = null;
            leftError = e;
        }

        if (left is bool l && l == decisive)
        {
            return decisive;
        }

        var right = Eval(logical.Right, self, oldSelf);
        if (right is bool r && r == decisive)
        {
            return decisive;
        }

        if (leftError is not null)
        {
            throw leftError;
        }

        return left is bool && right is bool ? !decisive : throw NoOverload(logical.Op == "&&" ? "_&&_" : "_||_", left ?? CelNull.Value, right);
    }

    private static object Binary(string op, object left, object right)
    {
        switch (op)
        {
            case "==":
                return CelEquals(left, right);
            case "!=":
                return !CelEquals(left, right);
            case "in":
                return right switch
                {
                    List<object> list => list.Any(i => CelEquals(i, left)),
                    JsonObject map when left is string key => map.ContainsKey(key),
                    _ => throw NoOverload("@in", left, right),
                };
            case "+":
                return (left, right) switch
                {
                    (long a, long b) => checked(a + b),
                    (double a, double b) => a + b,
                    (string a, string b) => a + b,
                    (List<object> a, List<object> b) => a.Concat(b).ToList(),
                    _ => throw NoOverload("_+_", left, right),
                };
            case "-":
                return (left, right) switch
                {
                    (long a, long b) => checked(a - b),
                    (double a, double b) => a - b,
                    _ => throw NoOverload("_-_", left, right),
                };
            default:
                var comparison = Compare(op, left, right);
                return op switch
                {
                    "<" => comparison < 0,
                    "<=" => comparison <= 0,
                    ">" => comparison > 0,
                    _ => comparison >= 0,
                };
        }
    }

    private static int Compare(string op, object left, object right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (long a, double b) => ((double)a).CompareTo(b),
        (double a, long b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        _ => throw NoOverload("_" + op + "_", left, right),
    };

    private static object Call(CelCall call, JsonNode? self, JsonNode? oldSelf)
    {
        var target = Eval(call.Target ?? call.Args[0], self, oldSelf);
        var args = (call.Target is null ? call.Args.Skip(1) : call.Args).Select(a => Eval(a, self, oldSelf)).ToList();
        switch (call.Function)
        {
            case "size" when args.Count == 0:
                return target switch
                {
                    string s => (long)s.EnumerateRunes().Count(),
                    List<object> list => (long)list.Count,
                    JsonObject map => (long)map.Count,
                    _ => throw NoOverload("size", target),
                };
            case "startsWith" or "endsWith" or "contains" or "matches" when args.Count == 1 && target is string s && args[0] is string arg:
                return call.Function switch
                {
                    "startsWith" => s.StartsWith(arg, StringComparison.Ordinal),
                    "endsWith" => s.EndsWith(arg, StringComparison.Ordinal),
                    "contains" => s.Contains(arg, StringComparison.Ordinal),
                    _ => Matches(s, arg),
                };
            default:
                throw NoOverload(call.Function, [target, .. args]);
        }
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new CelException($"invalid regular expression '{pattern}': {e.Message}");
        }
        catch (RegexMatchTimeoutException)
        {
            throw new CelException($"regular expression '{pattern}' took too long to match");
        }
    }

    private static bool CelEquals(object left, object right) => (left, right) switch
    {
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        (List<object> a, List<object> b) => a.Count == b.Count && a.Zip(b).All(p => CelEquals(p.First, p.Second)),
        (JsonObject a, JsonObject b) => Patching.JsonNodes.ValueEquals(a, b),
        _ => left.Equals(right),
    };

    /// <summary>JSON to CEL: integers are <c>int</c>, other numbers <c>double</c>, objects stay maps (field selection reads them lazily).</summary>
    private static object FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return CelNull.Value;
            case JsonObject map:
                return map;
            case JsonArray list:
                return list.Select(FromJson).ToList();
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
                    JsonValueKind.Number => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
                    _ => CelNull.Value,
                };
        }
    }

    private static string TypeName(object value) => value switch
    {
        long => "int",
        double => "double",
        string => "string",
        bool => "bool",
        List<object> => "list",
        JsonObject => "map",
        _ => "null_type",
    };

    private static CelException NoOverload(string function, params object[] args) =>
        new($"no such overload: {function}({string.Join(", ", args.Select(TypeName))})");
}
