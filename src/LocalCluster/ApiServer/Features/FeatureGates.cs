using System.Globalization;

namespace VisitCounter.LocalCluster.ApiServer.Features;

/// <summary>
/// The feature gates this server implements (one table to extend), their defaults per reported version, and the
/// <c>--feature-gates</c> syntax kube-apiserver accepts (<c>Name=true,Other=false</c>), with its error messages.
/// </summary>
public static class FeatureGates
{
    /// <summary>StatefulSet <c>spec.updateStrategy.rollingUpdate.maxUnavailable</c> (KEP-961).</summary>
    public const string MaxUnavailableStatefulSet = "MaxUnavailableStatefulSet";

    /// <summary>Every gate the server knows, with its stages by release.</summary>
    public static IReadOnlyList<FeatureGate> Known { get; } =
    [
        new(MaxUnavailableStatefulSet,
            [new FeatureStage(24, FeatureMaturity.Alpha, false), new FeatureStage(35, FeatureMaturity.Beta, true)],
            "when off, StatefulSet spec.updateStrategy.rollingUpdate.maxUnavailable is dropped on create, and on update unless the stored object already has it"),
    ];

    /// <summary>
    /// Parses a <c>--feature-gates</c> value such as <c>MaxUnavailableStatefulSet=true,Foo=false</c> into explicit
    /// overrides. Empty items are skipped, as kube-apiserver does.
    /// </summary>
    /// <exception cref="FormatException">An item without a value, a value that is not a boolean, or an unknown gate.</exception>
    public static IReadOnlyDictionary<string, bool> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var gates = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var item in value.Split(','))
        {
            if (item.Length == 0) continue;
            var pair = item.Split('=', 2);
            var name = pair[0].Trim();
            if (pair.Length != 2) throw new FormatException($"missing bool value for {name} (write {name}=true or {name}=false)");
            var text = pair[1].Trim();
            gates[name] = ParseBool(text) ?? throw new FormatException(
                $"invalid value of {name}={text}, err: strconv.ParseBool: parsing \"{text}\": invalid syntax (use true or false)");
        }
        Check(gates);
        return gates;
    }

    /// <summary>The gates in force on Kubernetes 1.<paramref name="reportedMinorVersion"/> with <paramref name="overrides"/> applied.</summary>
    /// <exception cref="FormatException">An unknown gate, or a change of a gate locked to its default.</exception>
    public static EffectiveFeatureGates Resolve(string reportedMinorVersion, IReadOnlyDictionary<string, bool> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var minor = MinorOf(reportedMinorVersion);
        Check(overrides);
        var enabled = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var gate in Known)
        {
            var stage = gate.StageFor(minor);
            if (overrides.TryGetValue(gate.Name, out var explicitValue))
            {
                if (stage is { LockedToDefault: true } && explicitValue != stage.Default)
                {
                    throw new FormatException(
                        $"cannot set feature gate {gate.Name} to {Format(explicitValue)}, feature is locked to {Format(stage.Default)}");
                }
                enabled[gate.Name] = explicitValue;
            }
            else
            {
                enabled[gate.Name] = stage?.Default ?? false;
            }
        }
        return new EffectiveFeatureGates(enabled);
    }

    private static void Check(IReadOnlyDictionary<string, bool> gates)
    {
        foreach (var name in gates.Keys)
        {
            if (Known.All(g => g.Name != name))
            {
                throw new FormatException(
                    $"unrecognized feature gate: {name} (this server knows {string.Join(", ", Known.Select(g => g.Name))})");
            }
        }
    }

    // Go's strconv.ParseBool, which kube-apiserver's flag parsing uses.
    private static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    private static string Format(bool value) => value ? "true" : "false";

    /// <summary>The leading digits of a minor version ("32", "32+"); an unreadable one is an error in the options.</summary>
    private static int MinorOf(string reportedMinorVersion)
    {
        var digits = new string(reportedMinorVersion.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? minor
            : throw new FormatException($"ReportedMinorVersion \"{reportedMinorVersion}\" is not a Kubernetes minor version such as \"32\"");
    }
}
