using VisitCounter.Crds.Defaulting;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Storage;

/// <summary>
/// Decides what to do when <c>spec.storage</c> and the live StatefulSet's <c>data</c> claim template differ.
/// A StatefulSet's claim templates are immutable, so only growth is possible (by expanding each PVC and re-creating
/// the StatefulSet); a shrink, a new class or new access modes would need new volumes and lose data, so they are refused.
/// </summary>
public static class StorageChangeDecision
{
    /// <summary>Reason of a refused shrink.</summary>
    public const string ShrinkRefused = "StorageShrinkRefused";

    /// <summary>Reason of a refused class change.</summary>
    public const string ClassChangeRefused = "StorageClassChangeRefused";

    /// <summary>Reason of refused access-mode change.</summary>
    public const string AccessModesChangeRefused = "StorageAccessModesChangeRefused";

    /// <summary>Reason when the StorageClass does not allow expansion.</summary>
    public const string ExpansionNotAllowed = "StorageExpansionNotAllowed";

    /// <summary>Reason when the live template's size cannot be read.</summary>
    public const string UnreadableTemplate = "StorageTemplateUnreadable";

    /// <summary>
    /// Compares the desired storage with the live claim template. <paramref name="storageClass"/> is the class the
    /// existing volumes use (null when it does not exist); it is consulted only for a growth.
    /// </summary>
    public static StorageChange Decide(EffectiveStorage desired, V1PersistentVolumeClaim liveTemplate, V1StorageClass? storageClass)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(liveTemplate);

        var liveClass = Normalize(liveTemplate.Spec?.StorageClassName);
        var desiredClass = Normalize(desired.StorageClassName);
        if (!string.Equals(liveClass, desiredClass, StringComparison.Ordinal))
        {
            return new StorageChange.Refused(
                ClassChangeRefused,
                $"spec.storage.storageClassName changed from '{liveClass}' to '{desiredClass}', but existing volumes cannot change class. " +
                $"Set spec.storage.storageClassName back to '{liveClass}', or delete the VisitCounterApp and its PVCs to start over.");
        }

        var liveModes = ModeSet(liveTemplate.Spec?.AccessModes);
        var desiredModes = ModeSet(desired.AccessModes);
        if (!liveModes.SequenceEqual(desiredModes, StringComparer.Ordinal))
        {
            return new StorageChange.Refused(
                AccessModesChangeRefused,
                $"spec.storage.accessModes changed from [{string.Join(", ", liveModes)}] to [{string.Join(", ", desiredModes)}], but existing volumes cannot change access modes. " +
                $"Set spec.storage.accessModes back to [{string.Join(", ", liveModes)}].");
        }

        var liveSize = liveTemplate.Spec?.Resources?.Requests?.TryGetValue("storage", out var s) == true ? s : null;
        var desiredSize = desired.Size;
        if (liveSize is null)
        {
            return new StorageChange.Refused(
                UnreadableTemplate,
                "The StatefulSet's data claim template has no storage request; delete the StatefulSet so the operator re-creates it (pods and volumes stay).");
        }

        var comparison = desiredSize.CompareTo(liveSize);
        if (comparison == 0)
        {
            return new StorageChange.None();
        }

        if (comparison < 0)
        {
            return new StorageChange.Refused(
                ShrinkRefused,
                $"spec.storage.size {desiredSize} is smaller than the current {liveSize}, and volumes cannot shrink. Set spec.storage.size to {liveSize} or more.");
        }

        if (storageClass?.AllowVolumeExpansion != true)
        {
            var className = storageClass?.Metadata.Name ?? (liveClass.Length == 0 ? "(cluster default)" : liveClass);
            var why = storageClass is null ? "was not found" : "does not set allowVolumeExpansion: true";
            return new StorageChange.Refused(
                ExpansionNotAllowed,
                $"spec.storage.size grew from {liveSize} to {desiredSize}, but StorageClass {className} {why}. " +
                $"Allow expansion on the StorageClass, or set spec.storage.size back to {liveSize}.");
        }

        return new StorageChange.Grow(liveSize, desiredSize);
    }

    private static string Normalize(string? storageClassName) => storageClassName ?? string.Empty;

    private static string[] ModeSet(IEnumerable<string>? modes) =>
        [.. (modes is null || !modes.Any() ? ["ReadWriteOnce"] : modes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
