namespace VisitCounter.Kube.Models;

/// <summary>Any object the API server serves: it names its type with <c>apiVersion</c> and <c>kind</c>.</summary>
public interface IKubernetesObject
{
    /// <summary>Group and version, e.g. <c>apps/v1</c> or <c>v1</c> for the core group.</summary>
    string ApiVersion { get; set; }

    /// <summary>The kind, e.g. <c>StatefulSet</c>.</summary>
    string Kind { get; set; }
}

/// <summary>A Kubernetes object that carries metadata of type <typeparamref name="TMetadata"/>.</summary>
public interface IKubernetesObject<TMetadata> : IKubernetesObject
{
    /// <summary>Standard object metadata.</summary>
    TMetadata Metadata { get; set; }
}

/// <summary>An object with a desired-state <c>spec</c>.</summary>
public interface ISpec<TSpec>
{
    /// <summary>The desired state.</summary>
    TSpec Spec { get; set; }
}

/// <summary>An object with an observed-state <c>status</c>.</summary>
public interface IStatus<TStatus>
{
    /// <summary>The observed state.</summary>
    TStatus Status { get; set; }
}
