using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Semantics;

/// <summary>One CRD version's compiled structural schema, as the create/update path uses it.</summary>
public interface ICustomResourceSchema
{
    /// <summary>Removes fields the schema does not define; returns their paths (e.g. <c>spec.colour</c>).</summary>
    IReadOnlyList<string> Prune(JsonObject obj);

    /// <summary>Fills absent fields that have schema defaults.</summary>
    void ApplyDefaults(JsonObject obj);

    /// <summary>Checks the object (and transition rules against <paramref name="oldObj"/>); empty when valid.</summary>
    IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? oldObj);
}
