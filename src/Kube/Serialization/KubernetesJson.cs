using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VisitCounter.Kube.Serialization;

/// <summary>
/// The System.Text.Json options the client uses: camelCase, nulls omitted, Kubernetes timestamps,
/// and only source-generated metadata (no reflection, so Native AOT works).
/// </summary>
public static class KubernetesJson
{
    /// <summary>Options that know the built-in models only.</summary>
    public static JsonSerializerOptions Default { get; } = Create();

    /// <summary>
    /// Builds options that know the built-in models plus the types of <paramref name="extra"/>
    /// (e.g. a custom resource's own <see cref="JsonSerializerContext"/>). Earlier resolvers win.
    /// </summary>
    public static JsonSerializerOptions Create(params IJsonTypeInfoResolver[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = JsonTypeInfoResolver.Combine([KubeJsonContext.Default, .. extra]),
        };

        // Converters in the options apply to every resolver's types, so custom resources get the same timestamps.
        options.Converters.Add(new KubernetesTimeJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The metadata for <typeparamref name="T"/>, with an error that says how to register a missing type.</summary>
    /// <exception cref="InvalidOperationException">No resolver of <paramref name="options"/> knows <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> GetRequiredTypeInfo<T>(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"No JSON metadata for {typeof(T)}; add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext " +
                "and pass it to KubernetesJson.Create(...).", e);
        }
    }
}
