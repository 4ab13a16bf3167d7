using System.Diagnostics.CodeAnalysis;
using VisitCounter.Crds.Validation;

namespace VisitCounter.Crds.Defaulting;

/// <summary>
/// The outcome of resolving a spec: either the <see cref="EffectiveSpec"/> to build from, or the field errors
/// that prevent it. The compiler can prove <see cref="Spec"/> is set when <see cref="IsValid"/> is true.
/// </summary>
public sealed record SpecResolution
{
    private SpecResolution(EffectiveSpec? spec, IReadOnlyList<FieldError> errors)
    {
        Spec = spec;
        Errors = errors;
    }

    /// <summary>The defaulted spec, when valid.</summary>
    public EffectiveSpec? Spec { get; }

    /// <summary>Every problem found; empty when valid.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Whether the spec can be applied.</summary>
    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsValid => Spec is not null;

    /// <summary>A valid resolution.</summary>
    public static SpecResolution Valid(EffectiveSpec spec) => new(spec ?? throw new ArgumentNullException(nameof(spec)), []);

    /// <summary>An invalid resolution; <paramref name="errors"/> must not be empty.</summary>
    public static SpecResolution Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid resolution needs at least one error.", nameof(errors));
        }

        return new SpecResolution(null, errors);
    }
}
