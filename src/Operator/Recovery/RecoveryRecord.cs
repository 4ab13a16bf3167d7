using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Recovery;

/// <summary>
/// The pods the operator already deleted to unstick the rollout of one update revision, kept in the annotation
/// <see cref="AnnotationKey"/> on the VisitCounterApp (value <c>REVISION:pod-a,pod-b</c>). The annotation is written
/// before the pod is deleted, so an operator that restarts in between never deletes the same pod twice for the same
/// revision; a new update revision starts a new record. Keeping it on the app (not in the status) means it survives
/// status rewrites and needs no extra object.
/// </summary>
/// <param name="Revision">The update revision the deletions were for, or empty when nothing was recorded.</param>
/// <param name="Pods">The pods deleted for that revision.</param>
public sealed record RecoveryRecord(string Revision, IReadOnlySet<string> Pods)
{
    /// <summary>The annotation key.</summary>
    public const string AnnotationKey = "visitcounter.io/rollout-recovery";

    /// <summary>No deletion recorded.</summary>
    public static RecoveryRecord Empty { get; } = new(string.Empty, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The record on <paramref name="metadata"/>; a missing or unreadable annotation reads as empty.</summary>
    public static RecoveryRecord Read(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Annotations?.TryGetValue(AnnotationKey, out var value) == true ? Parse(value) : Empty;
    }

    /// <summary>Parses <c>REVISION:pod-a,pod-b</c>.</summary>
    public static RecoveryRecord Parse(string? value)
    {
        var separator = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || separator <= 0)
        {
            return Empty;
        }

        var pods = value[(separator + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RecoveryRecord(value[..separator], new HashSet<string>(pods, StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="pod"/> was already deleted for <paramref name="updateRevision"/>.</summary>
    public bool Contains(string updateRevision, string pod) =>
        string.Equals(Revision, updateRevision, StringComparison.Ordinal) && Pods.Contains(pod);

    /// <summary>This record plus <paramref name="pod"/> for <paramref name="updateRevision"/>; another revision's pods are dropped.</summary>
    public RecoveryRecord With(string updateRevision, string pod)
    {
        var pods = string.Equals(Revision, updateRevision, StringComparison.Ordinal)
            ? new HashSet<string>(Pods, StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        pods.Add(pod);
        return new RecoveryRecord(updateRevision, pods);
    }

    /// <summary>The annotation value.</summary>
    public string Format() => $"{Revision}:{string.Join(',', Pods.Order(StringComparer.Ordinal))}";
}
