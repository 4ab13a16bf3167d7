using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Semantics;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// What happens to an object between decoding and storage, in the real server's two halves: <see cref="Decode"/>
/// (unknown fields pruned or rejected per fieldValidation, defaults applied, as the decoder does) and
/// <see cref="Validate"/> (every problem reported at once as a 422 Invalid with one cause per field). The field
/// manager, mutating admission and the strategy's dropping of disabled fields run between them.
/// </summary>
internal sealed class Admission(ApiSemantics semantics, IReadOnlyList<IMutatingAdmission> mutatingAdmission)
{
    /// <summary>
    /// Runs the mutating admission steps on <paramref name="obj"/>; what they changed is decoded again (pruned,
    /// defaulted), as the real server decodes a webhook's patched object.
    /// </summary>
    public void Mutate(ResourceDefinition definition, AdmissionOperation operation, string? subresource, JsonObject obj, JsonObject? oldObj)
    {
        if (mutatingAdmission.Count == 0) return;
        var before = obj.DeepClone();
        var request = new AdmissionRequest(definition.Ref, definition.Kind, subresource, operation, obj, oldObj);
        foreach (var step in mutatingAdmission) step.Admit(request);
        if (!JsonNode.DeepEquals(before, obj)) Decode(definition, obj, FieldValidation.Ignore);
    }

    /// <summary>Prunes and defaults <paramref name="obj"/> in place; returns the warnings to send.</summary>
    /// <exception cref="ApiException">400 for mistyped fields, and for unknown fields under Strict.</exception>
    public IReadOnlyList<string> Decode(ResourceDefinition definition, JsonObject obj, FieldValidation fieldValidation)
    {
        if (!definition.IsCustom && semantics.BuiltinDecodeError(obj) is { } decodeError)
        {
            throw ApiException.BadRequest($"{definition.Kind} in version \"{definition.Ref.Version}\" cannot be handled as a {definition.Kind}: {decodeError}");
        }
        var unknown = definition.Schema?.Prune(obj) ?? semantics.UnknownBuiltinFields(obj);
        var warnings = new List<string>();
        if (unknown.Count > 0)
        {
            switch (fieldValidation)
            {
                case FieldValidation.Strict:
                    var version = definition.Ref.Version;
                    throw ApiException.BadRequest(
                        $"{definition.Kind} in version \"{version}\" cannot be handled as a {definition.Kind}: strict decoding error: " +
                        string.Join(", ", unknown.Select(u => $"unknown field \"{u.TrimStart('.')}\"")));
                case FieldValidation.Warn:
                    warnings.AddRange(unknown.Select(u => $"unknown field \"{u.TrimStart('.')}\""));
                    break;
            }
            if (definition.Schema is null) semantics.RemoveFields(obj, unknown);
        }
        definition.Schema?.ApplyDefaults(obj);
        if (!definition.IsCustom) BuiltinDefaults.Apply(definition.Ref, obj);
        return warnings;
    }

    /// <summary>Validates the decoded, admitted object against <paramref name="oldObj"/> (null on create).</summary>
    /// <exception cref="ApiException">422 Invalid listing every field error.</exception>
    public void Validate(ResourceDefinition definition, JsonObject obj, JsonObject? oldObj)
    {
        var errors = new List<FieldError>();
        errors.AddRange(semantics.ValidateName(definition.Ref.Resource, obj));
        if (definition.Schema is not null) errors.AddRange(definition.Schema.Validate(obj, oldObj));
        if (!definition.IsCustom) errors.AddRange(semantics.ValidateBuiltin(definition.Ref, obj, oldObj));
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(definition.Kind, definition.Ref.Group, Meta.Name(obj), errors);
        }
    }
}
