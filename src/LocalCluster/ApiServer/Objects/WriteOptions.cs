namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>Options of a create, update or patch (the query parameters of the real API).</summary>
/// <param name="DryRun">Process fully but persist nothing (<c>dryRun=All</c>).</param>
/// <param name="FieldManager">The manager recorded in managedFields; required for server-side apply.</param>
/// <param name="FieldValidation">What to do with unknown fields.</param>
/// <param name="Force">Server-side apply only: take ownership of conflicting fields.</param>
public sealed record WriteOptions(
    bool DryRun = false,
    string? FieldManager = null,
    FieldValidation FieldValidation = FieldValidation.Strict,
    bool Force = false);
