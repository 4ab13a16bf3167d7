namespace VisitCounter.Crds.V1Alpha1;

/// <summary>Accepted values of <see cref="ServiceSpec.Type"/> (the subset of core/v1 ServiceType that exposes the app).</summary>
public static class ServiceTypes
{
    public const string ClusterIP = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";

    /// <summary>All accepted values.</summary>
    public static IReadOnlyList<string> All { get; } = [ClusterIP, NodePort, LoadBalancer];
}
