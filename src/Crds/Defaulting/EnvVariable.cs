namespace VisitCounter.Crds.Defaulting;

/// <summary>A resolved extra environment variable of the counter container.</summary>
public sealed record EnvVariable(string Name, string Value);
