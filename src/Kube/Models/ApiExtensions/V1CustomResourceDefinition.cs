namespace VisitCounter.Kube.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition.</summary>
[KubernetesEntity(Group = "apiextensions.k8s.io", ApiVersion = "v1", Kind = "CustomResourceDefinition", PluralName = "customresourcedefinitions", Namespaced = false)]
public sealed class V1CustomResourceDefinition
    : IKubernetesObject<V1ObjectMeta>, ISpec<V1CustomResourceDefinitionSpec>, IStatus<V1CustomResourceDefinitionStatus?>
{
    public string ApiVersion { get; set; } = "apiextensions.k8s.io/v1";
    public string Kind { get; set; } = "CustomResourceDefinition";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1CustomResourceDefinitionSpec Spec { get; set; } = new();
    public V1CustomResourceDefinitionStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionSpec.</summary>
public sealed class V1CustomResourceDefinitionSpec
{
    public string Group { get; set; } = string.Empty;
    public V1CustomResourceDefinitionNames Names { get; set; } = new();

    /// <summary><c>Namespaced</c> or <c>Cluster</c>.</summary>
    public string Scope { get; set; } = "Namespaced";
    public IList<V1CustomResourceDefinitionVersion> Versions { get; set; } = new List<V1CustomResourceDefinitionVersion>();
    public bool? PreserveUnknownFields { get; set; }
    public V1CustomResourceConversion? Conversion { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionNames.</summary>
public sealed class V1CustomResourceDefinitionNames
{
    public string Plural { get; set; } = string.Empty;
    public string? Singular { get; set; }
    public string Kind { get; set; } = string.Empty;
    public string? ListKind { get; set; }
    public IList<string>? ShortNames { get; set; }
    public IList<string>? Categories { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceConversion.</summary>
public sealed class V1CustomResourceConversion
{
    /// <summary><c>None</c> or <c>Webhook</c>.</summary>
    public string Strategy { get; set; } = "None";
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionVersion.</summary>
public sealed class V1CustomResourceDefinitionVersion
{
    public string Name { get; set; } = string.Empty;
    public bool Served { get; set; }
    public bool Storage { get; set; }
    public bool? Deprecated { get; set; }
    public string? DeprecationWarning { get; set; }
    public V1CustomResourceValidation? Schema { get; set; }
    public V1CustomResourceSubresources? Subresources { get; set; }
    public IList<V1CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceValidation: wraps the structural OpenAPI v3 schema.</summary>
public sealed class V1CustomResourceValidation
{
    [System.Text.Json.Serialization.JsonPropertyName("openAPIV3Schema")]
    public V1JSONSchemaProps? OpenAPIV3Schema { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceSubresources: status and scale.</summary>
public sealed class V1CustomResourceSubresources
{
    /// <summary>Present (as <c>{}</c>) when the status subresource is enabled.</summary>
    public V1CustomResourceSubresourceStatus? Status { get; set; }
    public V1CustomResourceSubresourceScale? Scale { get; set; }
}

/// <summary>The status subresource marker; an empty object on the wire.</summary>
public sealed class V1CustomResourceSubresourceStatus
{
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceSubresourceScale: JSON paths of the scale subresource.</summary>
public sealed class V1CustomResourceSubresourceScale
{
    public string SpecReplicasPath { get; set; } = ".spec.replicas";
    public string StatusReplicasPath { get; set; } = ".status.replicas";
    public string? LabelSelectorPath { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceColumnDefinition: a <c>kubectl get</c> column.</summary>
public sealed class V1CustomResourceColumnDefinition
{
    public string Name { get; set; } = string.Empty;

    /// <summary><c>integer</c>, <c>number</c>, <c>string</c>, <c>boolean</c> or <c>date</c>.</summary>
    public string Type { get; set; } = "string";
    public string? Format { get; set; }
    public string? Description { get; set; }
    public int? Priority { get; set; }
    public string JsonPath { get; set; } = string.Empty;
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionStatus.</summary>
public sealed class V1CustomResourceDefinitionStatus
{
    public IList<V1CustomResourceDefinitionCondition>? Conditions { get; set; }
    public V1CustomResourceDefinitionNames? AcceptedNames { get; set; }
    public IList<string>? StoredVersions { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitionCondition (<c>Established</c>, <c>NamesAccepted</c>).</summary>
public sealed class V1CustomResourceDefinitionCondition
{
    public string Type { get; set; } = string.Empty;
    public string Status { get; set; } = "Unknown";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
