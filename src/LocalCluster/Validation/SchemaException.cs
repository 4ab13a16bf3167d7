namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// A CRD schema the server refuses (not structural, or a CEL rule outside the agreed subset): the CRD
/// create/update is answered 422 Invalid with <see cref="Errors"/> as causes.
/// </summary>
public sealed class SchemaException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public SchemaException(IReadOnlyList<FieldError> errors)
        : base(string.Join(", ", errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message and no field errors.</summary>
    public SchemaException(string message) : base(message) => Errors = [];

    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaException() : this("invalid schema")
    {
    }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public SchemaException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    /// <summary>The field-level problems.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}
