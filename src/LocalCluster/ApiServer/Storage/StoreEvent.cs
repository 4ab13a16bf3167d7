using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>The watch event types of the Kubernetes watch protocol.</summary>
public enum WatchEventType
{
    /// <summary>An object was created (or is reported as existing at the start of a watch).</summary>
    Added,
    /// <summary>An object changed.</summary>
    Modified,
    /// <summary>An object was removed; the event carries its last state with the deletion's resourceVersion.</summary>
    Deleted,
    /// <summary>No change; only tells the watcher how far the stream has progressed.</summary>
    Bookmark,
}

/// <summary>
/// One committed change. <see cref="Object"/> is shared by every watcher and must not be mutated: clone it
/// first. <see cref="PreviousObject"/> (the state before a modification) lets selector-filtered watches
/// turn "stopped matching" into DELETED, as the real watch cache does.
/// </summary>
public sealed record StoreEvent(WatchEventType Type, ResourceRef Resource, JsonObject Object, long ResourceVersion, JsonObject? PreviousObject);
