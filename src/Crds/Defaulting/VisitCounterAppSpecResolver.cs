using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Crds.Validation;

namespace VisitCounter.Crds.Defaulting;

/// <summary>Validate, then default: the single call the controller needs to turn a user's spec into something to build.</summary>
public static class VisitCounterAppSpecResolver
{
    /// <summary>Returns the defaulted spec, or every validation error. Pure.</summary>
    /// <param name="spec">The user's spec (null means empty).</param>
    /// <param name="appImage">The operator's --app-image, used when the spec has no image.</param>
    public static SpecResolution Resolve(VisitCounterAppSpec? spec, string appImage)
    {
        var errors = VisitCounterAppValidator.Validate(spec);
        return errors.Count > 0
            ? SpecResolution.Invalid(errors)
            : SpecResolution.Valid(VisitCounterAppDefaults.Apply(spec, appImage));
    }

    /// <summary>Like <see cref="Resolve(VisitCounterAppSpec?, string)"/>, and also checks the object's name, which names its children.</summary>
    public static SpecResolution Resolve(VisitCounterApp app, string appImage)
    {
        ArgumentNullException.ThrowIfNull(app);
        var errors = VisitCounterAppValidator.Validate(app);
        return errors.Count > 0
            ? SpecResolution.Invalid(errors)
            : SpecResolution.Valid(VisitCounterAppDefaults.Apply(app.Spec, appImage));
    }
}
