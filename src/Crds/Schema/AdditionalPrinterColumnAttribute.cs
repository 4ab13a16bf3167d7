namespace VisitCounter.Crds.Schema;

/// <summary>
/// A column of <c>kubectl get</c> for the custom resource. Columns appear in <see cref="Order"/>, so the
/// table does not depend on the order reflection happens to return attributes in.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class AdditionalPrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>Column header (kubectl upper-cases it).</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the value: integer, number, string, boolean or date.</summary>
    public string Type { get; } = type;

    /// <summary>Simple JSON path into the object, e.g. <c>.status.readyReplicas</c>.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>Position among the columns; lower comes first.</summary>
    public int Order { get; init; }

    /// <summary>0 shows the column always; higher values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>Optional human-readable explanation of the column.</summary>
    public string? Description { get; init; }

    /// <summary>Optional OpenAPI format of the value.</summary>
    public string? Format { get; init; }
}
