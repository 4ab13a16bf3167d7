using System.Globalization;
using System.Text;

namespace VisitCounter.LocalCluster.Validation.Cel;

/// <summary>
/// Parses the agreed CEL subset: <c>self</c>, <c>oldSelf</c>, field selection, <c>has()</c>, literals,
/// list literals, <c>== != &lt; &lt;= &gt; &gt;= &amp;&amp; || ! + -</c>, <c>in</c>, <c>?:</c>, <c>size</c>
/// and the string methods <c>startsWith</c>, <c>endsWith</c>, <c>contains</c>, <c>matches</c>. Anything else is
/// a <see cref="CelException"/> naming what is outside the subset.
/// </summary>
internal sealed class CelParser
{
    private static readonly HashSet<string> Methods = ["size", "startsWith", "endsWith", "contains", "matches"];
    private readonly List<Token> _tokens;
    private int _position;

    private CelParser(List<Token> tokens) => _tokens = tokens;

    public static CelExpr Parse(string rule)
    {
        var parser = new CelParser(Lex(rule));
        var expr = parser.Conditional();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new CelException($"Syntax error: unexpected '{parser.Peek.Text}' at position {parser.Peek.Position}");
        }

        return expr;
    }

    private Token Peek => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private bool Accept(string symbol)
    {
        if (Peek.Kind is TokenKind.Symbol or TokenKind.Identifier && Peek.Text == symbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
        {
            throw new CelException($"Syntax error: expected '{symbol}' at position {Peek.Position}, found '{Peek.Text}'");
        }
    }

    private CelExpr Conditional()
    {
        var condition = Or();
        if (!Accept("?"))
        {
            return condition;
        }

        var then = Conditional();
        Expect(":");
        return new CelConditional(condition, then, Conditional());
    }

    private CelExpr Or()
    {
        var left = And();
        while (Accept("||"))
        {
            left = new CelBinary("||", left, And());
        }

        return left;
    }

    private CelExpr And()
    {
        var left = Relation();
        while (Accept("&&"))
        {
            left = new CelBinary("&&", left, Relation());
        }

        return left;
    }

    private CelExpr Relation()
    {
        var left = Additive();
        while (Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" && Peek.Kind != TokenKind.String)
        {
            var op = Next().Text;
            left = new CelBinary(op, left, Additive());
        }

        return left;
    }

    private CelExpr Additive()
    {
        var left = Unary();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "+" or "-")
        {
            var op = Next().Text;
            left = new CelBinary(op, left, Unary());
        }

        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "*" or "/" or "%")
        {
            throw new CelException($"operator '{Peek.Text}' is outside the supported CEL subset");
        }

        return left;
    }

    private CelExpr Unary()
    {
        if (Accept("!"))
        {
            return new CelUnary("!", Unary());
        }

        if (Accept("-"))
        {
            return new CelUnary("-", Unary());
        }

        return Member();
    }

    private CelExpr Member()
    {
        var expr = Primary();
        while (true)
        {
            if (Accept("."))
            {
                var name = Next();
                if (name.Kind != TokenKind.Identifier)
                {
                    throw new CelException($"Syntax error: expected a field name after '.' at position {name.Position}");
                }

                if (Accept("("))
                {
                    if (!Methods.Contains(name.Text))
                    {
                        throw new CelException($"function '{name.Text}' is outside the supported CEL subset");
                    }

                    expr = new CelCall(expr, name.Text, Arguments());
                }
                else
                {
                    expr = new CelSelect(expr, name.Text);
                }
            }
            else if (Peek.Kind == TokenKind.Symbol && Peek.Text == "[")
            {
                throw new CelException("indexing with [] is outside the supported CEL subset");
            }
            else
            {
                return expr;
            }
        }
    }

    private List<CelExpr> Arguments()
    {
        var args = new List<CelExpr>();
        if (Accept(")"))
        {
            return args;
        }

        do
        {
            args.Add(Conditional());
        }
        while (Accept(","));
        Expect(")");
        return args;
    }

    private CelExpr Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Integer:
                return new CelLiteral(long.Parse(token.Text, CultureInfo.InvariantCulture));
            case TokenKind.Double:
                return new CelLiteral(double.Parse(token.Text, CultureInfo.InvariantCulture));
            case TokenKind.String:
                return new CelLiteral(token.Text);
            case TokenKind.Identifier:
                return Identifier(token);
            case TokenKind.Symbol when token.Text == "(":
                {
                    var inner = Conditional();
                    Expect(")");
                    return inner;
                }

            case TokenKind.Symbol when token.Text == "[":
                {
                    var items = new List<CelExpr>();
                    if (!Accept("]"))
                    {
                        do
                        {
                            items.Add(Conditional());
                        }
                        while (Accept(","));
                        Expect("]");
                    }

                    return new CelList(items);
                }

            case TokenKind.Symbol when token.Text == "{":
                throw new CelException("map literals are outside the supported CEL subset");
            default:
                throw new CelException($"Syntax error: unexpected '{token.Text}' at position {token.Position}");
        }
    }

    private CelExpr Identifier(Token token)
    {
        switch (token.Text)
        {
            case "true":
                return new CelLiteral(true);
            case "false":
                return new CelLiteral(false);
            case "null":
                return new CelLiteral(CelNull.Value);
            case "self" or "oldSelf":
                return new CelIdent(token.Text);
            case "has":
                {
                    Expect("(");
                    var argument = Conditional();
                    Expect(")");
                    return argument is CelSelect select
                        ? new CelHas(select)
                        : throw new CelException("invalid argument to has() macro: it takes a field selection such as has(self.x)");
                }

            case "size":
                {
                    Expect("(");
                    var args = Arguments();
                    return args.Count == 1 ? new CelCall(null, "size", args) : throw new CelException("size() takes exactly one argument");
                }

            default:
                if (Accept("("))
                {
                    throw new CelException($"function '{token.Text}' is outside the supported CEL subset");
                }

                throw new CelException($"undeclared reference to '{token.Text}'");
        }
    }

    private static List<Token> Lex(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                var isDouble = false;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    isDouble = true;
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new Token(isDouble ? TokenKind.Double : TokenKind.Integer, text[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(text, ref i), start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
                {
                    tokens.Add(new Token(TokenKind.Symbol, two, start));
                    i += 2;
                }
                else if ("<>!+-*/%?:.,()[]{}".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start));
                    i++;
                }
                else
                {
                    throw new CelException($"Syntax error: unexpected character '{c}' at position {start}");
                }
            }
        }

        tokens.Add(new Token(TokenKind.End, "<end>", text.Length));
        return tokens;
    }

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    var other => other,
                });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new CelException("Syntax error: unterminated string literal");
        }

        i++;
        return value.ToString();
    }

    private enum TokenKind
    {
        Identifier,
        Integer,
        Double,
        String,
        Symbol,
        End,
    }

    private sealed record Token(TokenKind Kind, string Text, int Position);
}
