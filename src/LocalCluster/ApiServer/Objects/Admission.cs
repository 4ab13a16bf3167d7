using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Semantics;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// What happens to an object between decoding and storage, in the real server's order: unknown fields
/// are pruned (or rejected, per fieldValidation), defaults are applied, then the object is validated and
/// every problem is reported at once as a 422 Invalid with one cause per field.
/// </summary>
internal sealed class Admission(ApiSemantics semantics)
{
    /// <summary>Prunes, defaults and validates <paramref name="obj"/> in place; returns the warnings to send.</summary>
    /// <exception cref="ApiException">400 for unknown fields under Strict; 422 for invalid objects.</exception>
    public IReadOnlyList<string> Admit(ResourceDefinition definition, JsonObject obj, JsonObject? oldObj, FieldValidation fieldValidation)
    {
        if (!definition.IsCustom && semantics.BuiltinDecodeError(obj) is { } decodeError)
        {
            throw ApiException.BadRequest($"{definition.Kind} in version \"{definition.Ref.Version}\" cannot be handled as a {definition.Kind}: {decodeError}");
        }
        if (definition.Ref == ResourceRef.Secrets) SecretData.Normalize(obj);
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

        var errors = new List<FieldError>();
        errors.AddRange(semantics.ValidateName(definition.Ref.Resource, obj));
        if (definition.Schema is not null) errors.AddRange(definition.Schema.Validate(obj, oldObj));
        if (!definition.IsCustom) errors.AddRange(semantics.ValidateBuiltin(definition.Ref, obj, oldObj));
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(definition.Kind, definition.Ref.Group, Meta.Name(obj), errors);
        }
        return warnings;
    }
}
