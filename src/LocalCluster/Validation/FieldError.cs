namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// One field-level problem found while validating an object, shaped like apimachinery's
/// <c>field.Error</c>: it becomes one <c>details.causes[]</c> entry of a 422 <c>Invalid</c> Status.
/// </summary>
/// <param name="Reason">The cause type as the real server reports it, e.g. <c>FieldValueInvalid</c>,
/// <c>FieldValueRequired</c>, <c>FieldValueNotSupported</c>, <c>FieldValueForbidden</c>,
/// <c>FieldValueTooLong</c>, <c>FieldValueDuplicate</c>, <c>FieldValueTypeInvalid</c>.</param>
/// <param name="Field">The JSON path of the field, e.g. <c>spec.replicas</c> or <c>spec.template.spec.containers[0].name</c>.</param>
/// <param name="Message">The full cause message as the real server words it, e.g.
/// <c>Invalid value: -1: spec.replicas in body should be greater than or equal to 0</c>.</param>
public sealed record FieldError(string Reason, string Field, string Message)
{
    /// <summary>The line the API server puts in the aggregated Status message: <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
