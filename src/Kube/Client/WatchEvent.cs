using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>The type of a watch event, as sent in its <c>type</c> field.</summary>
public enum WatchEventType
{
    /// <summary>The object was created (or existed when the watch started without a resourceVersion).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was deleted; <see cref="WatchEvent{T}.Object"/> is its last state.</summary>
    Deleted,

    /// <summary>Progress marker: only <c>metadata.resourceVersion</c> of the object is meaningful.</summary>
    Bookmark,

    /// <summary>The server reported an error (e.g. 410 Gone); the client surfaces it as an exception.</summary>
    Error,
}

/// <summary>One event of a watch stream.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status = null)
    where T : class
{
    /// <summary>The resourceVersion this event brings the watcher to.</summary>
    public string? ResourceVersion => (Object as IKubernetesObject<V1ObjectMeta>)?.Metadata?.ResourceVersion;
}
