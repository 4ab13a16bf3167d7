using System.Diagnostics.CodeAnalysis;
using VisitCounter.Crds.V1Alpha1;

namespace VisitCounter.Crds.Generation;

/// <summary>
/// The files of <c>config/crd/</c>: the generated VisitCounterApp CRD and its kustomization.
/// <c>dotnet run --project src/Operator -- generate</c> calls <see cref="WriteAsync"/>; a test fails when the checked-in files drift.
/// </summary>
public static class CrdManifests
{
    /// <summary>File name of the CRD manifest, in the form <c>{group}_{plural}.yaml</c> that controller-gen uses.</summary>
    public const string CrdFileName = VisitCounterApp.KubeGroup + "_" + VisitCounterApp.KubePluralName + ".yaml";

    /// <summary>Path of the CRD manifest relative to the config directory.</summary>
    public const string CrdPath = "crd/bases/" + CrdFileName;

    /// <summary>Path of the kustomization relative to the config directory.</summary>
    public const string KustomizationPath = "crd/kustomization.yaml";

    private const string Header = "# Generated from the C# types in src/Crds by `dotnet run --project src/Operator -- generate`. Do not edit.\n";

    /// <summary>The kustomization that lists the CRD, so <c>config/default</c> can include <c>../crd</c>.</summary>
    public static string Kustomization { get; } =
        Header
        + "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\n"
        + "resources:\n"
        + "- bases/" + CrdFileName + "\n";

    /// <summary>Every file of <c>config/crd/</c>, keyed by its path relative to the config directory ('/'-separated).</summary>
    [RequiresUnreferencedCode("Generates the CRD by reflection; see CrdGenerator.")]
    public static IReadOnlyDictionary<string, string> Render() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [CrdPath] = Header + CrdYaml.Write(CrdGenerator.Generate<VisitCounterApp>()),
        [KustomizationPath] = Kustomization,
    };

    /// <summary>Writes (or rewrites) <c>crd/</c> under <paramref name="configDir"/> with <see cref="ManifestFiles"/>.</summary>
    /// <returns>The full paths of the files that changed.</returns>
    [RequiresUnreferencedCode("Generates the CRD by reflection; see CrdGenerator.")]
    public static Task<IReadOnlyList<string>> WriteAsync(string configDir, CancellationToken cancellationToken = default) =>
        ManifestFiles.WriteAsync(configDir, Render(), cancellationToken);
}
