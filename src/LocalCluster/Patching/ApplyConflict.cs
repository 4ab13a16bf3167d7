namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// A field an apply would change that another manager owns. <see cref="CauseMessage"/> and
/// <see cref="StatusMessage"/> word it as the real API server does (apimachinery's managedfields conflict.go).
/// </summary>
/// <param name="Manager">The other manager's name, e.g. <c>kubectl-client-side-apply</c>.</param>
/// <param name="FieldPath">The field as the server prints it, e.g. <c>.spec.replicas</c>.</param>
public sealed record ApplyConflict(string Manager, string FieldPath)
{
    /// <summary>The other manager's operation (<c>Apply</c> or <c>Update</c>).</summary>
    public string Operation { get; init; } = ManagedFieldsEntry.UpdateOperation;

    /// <summary>The API version the other manager wrote through (printed for Update managers).</summary>
    public string ApiVersion { get; init; } = string.Empty;

    /// <summary>The subresource the other manager wrote through, or empty.</summary>
    public string Subresource { get; init; } = string.Empty;

    /// <summary>How the manager is named: <c>"x" using v1</c> (Update), <c>"x"</c> (Apply), plus <c> with subresource "scale"</c>.</summary>
    public string ManagerDescription =>
        new ManagedFieldsEntry(Manager, Operation, ApiVersion, null, Subresource, new FieldSet()).Describe();

    /// <summary>The <c>details.causes[].message</c>: <c>conflict with "kubectl-client-side-apply" using visitcounter.io/v1alpha1</c>.</summary>
    public string CauseMessage => "conflict with " + ManagerDescription;

    /// <summary>
    /// The 409 Status message: <c>Apply failed with 1 conflict: conflict with "m" using v1: .spec.replicas</c>, or for
    /// several <c>Apply failed with 2 conflicts: conflicts with "m" using v1:\n- .a\n- .b</c> (grouped by manager, sorted).
    /// </summary>
    public static string StatusMessage(IReadOnlyList<ApplyConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: {conflicts[0].CauseMessage}: {conflicts[0].FieldPath}";
        }

        var lines = conflicts
            .GroupBy(c => c.ManagerDescription)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => "- " + c.FieldPath)));
        return $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
    }
}
