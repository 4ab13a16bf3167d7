namespace VisitCounter.LocalCluster.ApiServer.Features;

/// <summary>Which gates are on in a running server: per-version defaults with the explicit overrides applied.</summary>
public sealed class EffectiveFeatureGates
{
    private readonly IReadOnlyDictionary<string, bool> _enabled;

    internal EffectiveFeatureGates(IReadOnlyDictionary<string, bool> enabled) => _enabled = enabled;

    /// <summary>Every known gate and whether it is on.</summary>
    public IReadOnlyDictionary<string, bool> All => _enabled;

    /// <summary>True when <paramref name="gate"/> is on.</summary>
    /// <exception cref="ArgumentException">The gate is not in <see cref="FeatureGates.Known"/> (a typo in server code).</exception>
    public bool IsEnabled(string gate) =>
        _enabled.TryGetValue(gate, out var on) ? on : throw new ArgumentException($"unknown feature gate {gate}", nameof(gate));
}
