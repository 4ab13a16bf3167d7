using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>apiextensions.k8s.io/v1 JSONSchemaProps: an OpenAPI v3 schema node with Kubernetes' x-kubernetes-* extensions.</summary>
public sealed class V1JSONSchemaProps
{
    [JsonPropertyName("$ref")]
    public string? Ref { get; set; }

    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }
    public string? Id { get; set; }
    public string? Type { get; set; }
    public string? Format { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }

    /// <summary>Any JSON value; applied by the API server's defaulting.</summary>
    public JsonNode? Default { get; set; }
    public JsonNode? Example { get; set; }
    public IList<JsonNode?>? Enum { get; set; }
    public double? Maximum { get; set; }
    public bool? ExclusiveMaximum { get; set; }
    public double? Minimum { get; set; }
    public bool? ExclusiveMinimum { get; set; }
    public double? MultipleOf { get; set; }
    public long? MaxLength { get; set; }
    public long? MinLength { get; set; }
    public string? Pattern { get; set; }
    public long? MaxItems { get; set; }
    public long? MinItems { get; set; }
    public bool? UniqueItems { get; set; }
    public long? MaxProperties { get; set; }
    public long? MinProperties { get; set; }
    public IList<string>? Required { get; set; }
    public bool? Nullable { get; set; }
    public V1JSONSchemaProps? Items { get; set; }
    public IDictionary<string, V1JSONSchemaProps>? Properties { get; set; }
    public V1JSONSchemaPropsOrBool? AdditionalProperties { get; set; }
    public IDictionary<string, V1JSONSchemaProps>? PatternProperties { get; set; }
    public IList<V1JSONSchemaProps>? AllOf { get; set; }
    public IList<V1JSONSchemaProps>? OneOf { get; set; }
    public IList<V1JSONSchemaProps>? AnyOf { get; set; }
    public V1JSONSchemaProps? Not { get; set; }

    [JsonPropertyName("x-kubernetes-preserve-unknown-fields")]
    public bool? XKubernetesPreserveUnknownFields { get; set; }

    [JsonPropertyName("x-kubernetes-embedded-resource")]
    public bool? XKubernetesEmbeddedResource { get; set; }

    [JsonPropertyName("x-kubernetes-int-or-string")]
    public bool? XKubernetesIntOrString { get; set; }

    [JsonPropertyName("x-kubernetes-list-map-keys")]
    public IList<string>? XKubernetesListMapKeys { get; set; }

    /// <summary><c>atomic</c>, <c>set</c> or <c>map</c>.</summary>
    [JsonPropertyName("x-kubernetes-list-type")]
    public string? XKubernetesListType { get; set; }

    /// <summary><c>granular</c> or <c>atomic</c>.</summary>
    [JsonPropertyName("x-kubernetes-map-type")]
    public string? XKubernetesMapType { get; set; }

    /// <summary>CEL validation rules evaluated by the API server.</summary>
    [JsonPropertyName("x-kubernetes-validations")]
    public IList<V1ValidationRule>? XKubernetesValidations { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 ValidationRule: one CEL rule with its message.</summary>
public sealed class V1ValidationRule
{
    /// <summary>CEL expression, e.g. <c>self.replicas &gt;= 0</c>.</summary>
    public string Rule { get; set; } = string.Empty;
    public string? Message { get; set; }
    public string? MessageExpression { get; set; }
    public string? FieldPath { get; set; }

    /// <summary><c>FieldValueInvalid</c>, <c>FieldValueForbidden</c>, <c>FieldValueRequired</c> or <c>FieldValueDuplicate</c>.</summary>
    public string? Reason { get; set; }
    public bool? OptionalOldSelf { get; set; }
}

/// <summary>
/// JSONSchemaPropsOrBool: <c>additionalProperties</c> is either a boolean or a schema.
/// </summary>
[JsonConverter(typeof(V1JSONSchemaPropsOrBoolJsonConverter))]
public sealed class V1JSONSchemaPropsOrBool
{
    /// <summary>The boolean form (true when a schema is given).</summary>
    public bool Allows { get; set; } = true;

    /// <summary>The schema form.</summary>
    public V1JSONSchemaProps? Schema { get; set; }

    /// <summary>Creates the schema form.</summary>
    public static V1JSONSchemaPropsOrBool FromSchema(V1JSONSchemaProps schema) => new() { Schema = schema };

    /// <summary>Creates the boolean form.</summary>
    public static V1JSONSchemaPropsOrBool FromBool(bool allows) => new() { Allows = allows };
}
