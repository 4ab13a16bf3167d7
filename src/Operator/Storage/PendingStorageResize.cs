using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Storage;

/// <summary>
/// The annotation on a VisitCounterApp that records a storage growth in flight. It is written before the
/// StatefulSet is deleted, so an operator that restarts between the delete and the re-create still knows it must
/// finish the job, and it is removed once the re-created StatefulSet carries the new size.
/// </summary>
public static class PendingStorageResize
{
    /// <summary>The annotation key; its value is the target size, e.g. <c>2Gi</c>.</summary>
    public const string AnnotationKey = "visitcounter.io/pending-storage-resize";

    /// <summary>The target size recorded on <paramref name="metadata"/>, or null when no resize is pending.</summary>
    public static string? Read(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Annotations?.TryGetValue(AnnotationKey, out var value) == true ? value : null;
    }
}
