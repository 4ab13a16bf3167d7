namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>A subresource with its own request and response kind, e.g. <c>serviceaccounts/token</c> (authentication.k8s.io/v1 TokenRequest).</summary>
/// <param name="Name">The subresource name, e.g. <c>token</c>.</param>
/// <param name="Group">The group of its kind.</param>
/// <param name="Version">The version of its kind.</param>
/// <param name="Kind">Its kind, e.g. <c>TokenRequest</c>.</param>
/// <param name="Verbs">Verbs advertised in discovery.</param>
public sealed record SubresourceDefinition(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs);
