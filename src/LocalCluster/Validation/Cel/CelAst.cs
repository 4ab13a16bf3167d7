namespace VisitCounter.LocalCluster.Validation.Cel;

/// <summary>A node of a parsed CEL expression in the subset the CRD generator and the local API server agreed on.</summary>
internal abstract record CelExpr;

/// <summary>A literal: long, double, string, bool or <see cref="CelNull"/>.</summary>
internal sealed record CelLiteral(object Value) : CelExpr;

/// <summary><c>self</c> or <c>oldSelf</c>.</summary>
internal sealed record CelIdent(string Name) : CelExpr;

/// <summary><c>operand.field</c>.</summary>
internal sealed record CelSelect(CelExpr Operand, string Field) : CelExpr;

/// <summary><c>has(operand.field)</c>.</summary>
internal sealed record CelHas(CelSelect Select) : CelExpr;

/// <summary>A list literal.</summary>
internal sealed record CelList(IReadOnlyList<CelExpr> Items) : CelExpr;

/// <summary><c>!x</c> or <c>-x</c>.</summary>
internal sealed record CelUnary(string Op, CelExpr Operand) : CelExpr;

/// <summary>A binary operator, <c>in</c> included.</summary>
internal sealed record CelBinary(string Op, CelExpr Left, CelExpr Right) : CelExpr;

/// <summary><c>c ? a : b</c>.</summary>
internal sealed record CelConditional(CelExpr Condition, CelExpr Then, CelExpr Else) : CelExpr;

/// <summary>A call: <c>size(x)</c>, or a method <c>x.size()</c>, <c>x.startsWith(y)</c>, ...; <see cref="Target"/> is null for global calls.</summary>
internal sealed record CelCall(CelExpr? Target, string Function, IReadOnlyList<CelExpr> Args) : CelExpr;

/// <summary>The CEL <c>null</c> value.</summary>
public sealed class CelNull
{
    private CelNull()
    {
    }

    /// <summary>The only instance.</summary>
    public static CelNull Value { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "null";
}
