namespace VisitCounter.Kube.Models;

/// <summary>core/v1 EnvVar: a literal value or one taken from the downward API.</summary>
public sealed class V1EnvVar
{
    public string Name { get; set; } = string.Empty;
    public string? Value { get; set; }
    public V1EnvVarSource? ValueFrom { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 EnvVarSource (fieldRef; other sources kept as extension data).</summary>
public sealed class V1EnvVarSource
{
    public V1ObjectFieldSelector? FieldRef { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ObjectFieldSelector, e.g. <c>metadata.name</c>.</summary>
public sealed class V1ObjectFieldSelector
{
    public string? ApiVersion { get; set; }
    public string FieldPath { get; set; } = string.Empty;
}
