using System.Diagnostics.CodeAnalysis;
using System.Text;
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

    /// <summary>
    /// Writes (or rewrites) <c>crd/</c> under <paramref name="configDir"/>. Each file is written to a temporary file,
    /// flushed to disk and renamed over the old one, so an interrupted run never leaves a half-written manifest.
    /// Files whose content is unchanged are left alone.
    /// </summary>
    /// <returns>The full paths of the files that changed.</returns>
    [RequiresUnreferencedCode("Generates the CRD by reflection; see CrdGenerator.")]
    public static async Task<IReadOnlyList<string>> WriteAsync(string configDir, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configDir);
        var changed = new List<string>();
        foreach (var (relativePath, content) in Render())
        {
            var path = Path.GetFullPath(Path.Combine(configDir, relativePath));
            if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == content)
            {
                continue;
            }

            await WriteDurablyAsync(path, content, cancellationToken);
            changed.Add(path);
        }

        return changed;
    }

    private static async Task WriteDurablyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
