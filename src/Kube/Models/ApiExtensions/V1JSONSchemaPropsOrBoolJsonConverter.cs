using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VisitCounter.Kube.Models;

/// <summary>Reads and writes <see cref="V1JSONSchemaPropsOrBool"/> as a JSON boolean or schema object (AOT-safe: uses the options' resolver).</summary>
public sealed class V1JSONSchemaPropsOrBoolJsonConverter : JsonConverter<V1JSONSchemaPropsOrBool>
{
    /// <inheritdoc />
    public override V1JSONSchemaPropsOrBool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return reader.TokenType switch
        {
            JsonTokenType.True => V1JSONSchemaPropsOrBool.FromBool(true),
            JsonTokenType.False => V1JSONSchemaPropsOrBool.FromBool(false),
            JsonTokenType.StartObject => V1JSONSchemaPropsOrBool.FromSchema(
                JsonSerializer.Deserialize(ref reader, SchemaTypeInfo(options))
                ?? throw new JsonException("additionalProperties: expected a schema object.")),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"additionalProperties: expected a boolean or a schema object, got {reader.TokenType}."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, V1JSONSchemaPropsOrBool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Schema is { } schema)
        {
            JsonSerializer.Serialize(writer, schema, SchemaTypeInfo(options));
        }
        else
        {
            writer.WriteBooleanValue(value.Allows);
        }
    }

    private static JsonTypeInfo<V1JSONSchemaProps> SchemaTypeInfo(JsonSerializerOptions options)
        => (JsonTypeInfo<V1JSONSchemaProps>)options.GetTypeInfo(typeof(V1JSONSchemaProps));
}
