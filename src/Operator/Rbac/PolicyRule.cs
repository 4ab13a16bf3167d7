namespace VisitCounter.Operator.Rbac;

/// <summary>One rbac.authorization.k8s.io/v1 PolicyRule: the verbs allowed on some resources of some API groups.</summary>
public sealed record PolicyRule(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs);
