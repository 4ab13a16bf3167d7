namespace VisitCounter.Crds.Schema;

/// <summary>
/// A CEL rule evaluated by the API server on the annotated object (<c>x-kubernetes-validations</c>).
/// Place it on the class whose instance <c>self</c> refers to. Stay inside the CEL subset agreed with the
/// local API server (field access, <c>has()</c>, comparisons, <c>in</c>, ternary, <c>size()</c>, string methods).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class ValidationRuleAttribute(string rule) : Attribute
{
    /// <summary>The CEL expression; it must evaluate to true for valid objects.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message shown when the rule fails.</summary>
    public string? Message { get; init; }

    /// <summary>The field path (relative to <c>self</c>, e.g. <c>.partition</c>) the error is reported on. Kubernetes 1.28+ only.</summary>
    public string? FieldPath { get; init; }

    /// <summary>The machine-readable reason, e.g. <c>FieldValueInvalid</c> or <c>FieldValueForbidden</c>. Kubernetes 1.28+ only.</summary>
    public string? Reason { get; init; }
}
