namespace VisitCounter.Crds.Schema;

/// <summary>
/// Restricts <c>metadata.name</c> of the custom resource in the CRD schema, the one part of metadata a
/// structural schema may constrain. Use it when the name becomes part of other objects' names.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MetadataNameAttribute : Attribute
{
    /// <summary>Regular expression the name must match, or null.</summary>
    public string? Pattern { get; init; }

    /// <summary>Maximum length, or -1 for the API server's own limit.</summary>
    public long MaxLength { get; init; } = -1;

    /// <summary>Why the name is restricted, shown by <c>kubectl explain</c>.</summary>
    public string? Description { get; init; }
}
