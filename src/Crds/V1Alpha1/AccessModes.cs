namespace VisitCounter.Crds.V1Alpha1;

/// <summary>Accepted values of <see cref="StorageSpec.AccessModes"/> (core/v1 PersistentVolumeAccessMode).</summary>
public static class AccessModes
{
    public const string ReadWriteOnce = "ReadWriteOnce";
    public const string ReadOnlyMany = "ReadOnlyMany";
    public const string ReadWriteMany = "ReadWriteMany";
    public const string ReadWriteOncePod = "ReadWriteOncePod";

    /// <summary>All accepted values.</summary>
    public static IReadOnlyList<string> All { get; } = [ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod];
}
