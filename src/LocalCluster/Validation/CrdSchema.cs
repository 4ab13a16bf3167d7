using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// One CRD version's <c>openAPIV3Schema</c>, compiled once when the CRD is created or updated, and used
/// for every write of its custom resources: prune unknown fields, apply defaults, validate (OpenAPI
/// keywords and the agreed CEL subset), with the real server's messages. The order the server uses is
/// prune, then default, then validate.
/// </summary>
public sealed class CrdSchema
{
    private readonly SchemaNode _root;

    private CrdSchema(JsonObject schema, SchemaNode root)
    {
        Schema = schema;
        _root = root;
        PatchMeta = PatchMeta.FromSchema(schema);
    }

    /// <summary>The schema as given.</summary>
    public JsonObject Schema { get; }

    /// <summary>The schema of <c>.spec</c>, if declared.</summary>
    public JsonObject? SpecSchema => Schema["properties"]?["spec"] as JsonObject;

    /// <summary>The schema of <c>.status</c>, if declared.</summary>
    public JsonObject? StatusSchema => Schema["properties"]?["status"] as JsonObject;

    /// <summary>List types and keys from the schema, for server-side apply of these custom resources.</summary>
    public PatchMeta PatchMeta { get; }

    /// <summary>Compiles a schema; field paths in errors start at <c>spec.versions[0].schema.openAPIV3Schema</c>.</summary>
    public static CrdSchema Compile(JsonObject openApiV3Schema) =>
        Compile(openApiV3Schema, "spec.versions[0].schema.openAPIV3Schema");

    /// <summary>
    /// Compiles a schema; throws <see cref="SchemaException"/> listing every problem (a node without a type,
    /// an array without items, an invalid pattern, a CEL rule outside the subset or selecting an undeclared field),
    /// with paths under <paramref name="fieldPath"/>.
    /// </summary>
    public static CrdSchema Compile(JsonObject openApiV3Schema, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var errors = new List<FieldError>();
        var root = SchemaNode.Compile(openApiV3Schema, fieldPath, errors, isRoot: true);
        if (root.Type is not (null or "object"))
        {
            errors.Add(FieldErrors.Invalid(fieldPath + ".type", openApiV3Schema["type"], "must be object at the root"));
        }

        return errors.Count > 0 ? throw new SchemaException(errors) : new CrdSchema((JsonObject)openApiV3Schema.DeepClone(), root);
    }

    /// <summary>Fills absent fields with their schema defaults (in place).</summary>
    public void ApplyDefaults(JsonObject obj) => SchemaDefaulter.Apply(_root, obj, isRoot: true);

    /// <summary>Removes undeclared fields (in place) and returns their paths, e.g. <c>spec.colour</c>.</summary>
    public IReadOnlyList<string> Prune(JsonObject obj) => SchemaPruner.Prune(_root, obj, string.Empty, keepResourceFields: true);

    /// <summary>
    /// Validates an object (and, for transition rules, against its previous version); metadata, apiVersion and
    /// kind are the core's business. Returns the problems in the order the real server reports them.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? oldObj) => SchemaValidator.Validate(_root, obj, oldObj);
}
