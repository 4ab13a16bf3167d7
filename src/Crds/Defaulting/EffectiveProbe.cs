namespace VisitCounter.Crds.Defaulting;

/// <summary>A resolved HTTP probe.</summary>
public sealed record EffectiveProbe(bool Enabled, int InitialDelaySeconds, int PeriodSeconds, int FailureThreshold);
