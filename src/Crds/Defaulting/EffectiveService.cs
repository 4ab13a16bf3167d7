namespace VisitCounter.Crds.Defaulting;

/// <summary>The resolved client Service settings.</summary>
/// <param name="Type">ClusterIP, NodePort or LoadBalancer.</param>
/// <param name="Port">Service port.</param>
/// <param name="NodePort">Requested node port, or null to let the cluster allocate one.</param>
public sealed record EffectiveService(string Type, int Port, int? NodePort);
