namespace VisitCounter.Crds.Validation;

/// <summary>One problem with a VisitCounterApp: the field it is about (e.g. <c>spec.storage.size</c>) and what to do about it.</summary>
/// <param name="Field">The JSON path of the field, as a user writes it in YAML (<c>spec.env[2].name</c>).</param>
/// <param name="Message">What is wrong and how to fix it, e.g. <c>"1Gx" is not a valid quantity (use e.g. 1Gi, 500Mi)</c>.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <summary><c>field: message</c>, the form used in conditions, events and logs.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
