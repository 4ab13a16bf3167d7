using System.Text.Json.Nodes;
using VisitCounter.Crds.Generation;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Serialization;
using VisitCounter.TestSupport;

namespace VisitCounter.Crds.Tests;

public sealed class ManifestTests
{
    private const string Regenerate = "dotnet run --project src/Operator -- generate";

    private static string ConfigDirectory => Path.Combine(RepositoryPaths.RepositoryRoot, "config");

    [Fact]
    public async Task Checked_in_config_crd_matches_the_generated_manifests()
    {
        if (Snapshot.Updating)
        {
            await CrdManifests.WriteAsync(ConfigDirectory);
        }

        foreach (var (relativePath, content) in CrdManifests.Render())
        {
            Snapshot.FileMatches(Path.Combine(ConfigDirectory, relativePath), content, Regenerate);
        }
    }

    [Fact]
    public void Embedded_crd_equals_the_generated_one()
    {
        var generated = CrdYaml.Write(CrdGenerator.Generate<VisitCounterApp>());

        Assert.Equal(generated, CrdYaml.Write(VisitCounterAppCrd.Load()));
    }

    [Fact]
    public void Yaml_round_trips_to_the_same_object()
    {
        var crd = CrdGenerator.Generate<VisitCounterApp>();

        var reread = CrdYaml.Read(CrdYaml.Write(crd));

        Assert.True(JsonNode.DeepEquals(TestJson.ToNode(crd), TestJson.ToNode(reread)));
    }

    [Fact]
    public void Yaml_keys_are_sorted_so_the_output_is_stable()
    {
        var yaml = CrdYaml.Write(CrdGenerator.Generate<VisitCounterApp>());
        var topLevelKeys = yaml.Split('\n').Where(l => l.Length > 0 && char.IsLetter(l[0])).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();

        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], topLevelKeys);
    }

    [Fact]
    public async Task WriteAsync_writes_the_crd_and_kustomization_and_skips_unchanged_files()
    {
        var directory = Directory.CreateTempSubdirectory("crds-test-");
        try
        {
            var first = await CrdManifests.WriteAsync(directory.FullName);
            var second = await CrdManifests.WriteAsync(directory.FullName);

            Assert.Equal(2, first.Count);
            Assert.Empty(second);
            var kustomization = KubernetesYaml.Load(await File.ReadAllTextAsync(Path.Combine(directory.FullName, "crd", "kustomization.yaml")))!;
            Assert.Equal("bases/visitcounter.io_visitcounterapps.yaml", kustomization["resources"]![0]!.GetValue<string>());
            var crd = CrdYaml.Read(await File.ReadAllTextAsync(Path.Combine(directory.FullName, "crd", "bases", "visitcounter.io_visitcounterapps.yaml")));
            Assert.Equal("visitcounterapps.visitcounter.io", crd.Metadata.Name);
            Assert.Empty(Directory.GetFiles(directory.FullName, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Reading_a_manifest_of_another_kind_fails_with_a_clear_error()
    {
        var error = Assert.Throws<FormatException>(() => CrdYaml.Read("apiVersion: v1\nkind: Pod\n"));

        Assert.Contains("CustomResourceDefinition", error.Message, StringComparison.Ordinal);
    }
}
