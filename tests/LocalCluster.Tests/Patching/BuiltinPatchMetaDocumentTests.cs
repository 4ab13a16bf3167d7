using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Tests.Validation;

namespace VisitCounter.LocalCluster.Tests.Patching;

public sealed class BuiltinPatchMetaDocumentTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 1 };

    [Fact]
    public void Generated_subset_matches_the_official_documents()
    {
        var catalog = PatchMetaCatalog.Load(TestFiles.OpenApiFolder);
        var subset = catalog.ExtractSubset(PatchMetaCatalog.ServedKinds).ToJsonString(Indented);
        var path = Path.Combine(TestFiles.RepositoryRoot, "src", "LocalCluster", "Patching", "builtin-patch-meta.json");
        var expected = subset + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_PATCH_META") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(
            expected == File.ReadAllText(path),
            "builtin-patch-meta.json is out of date: run `UPDATE_PATCH_META=1 dotnet test tests/LocalCluster.Tests --filter BuiltinPatchMetaDocumentTests`");
    }

    [Fact]
    public void Builtin_catalog_knows_the_same_metadata_as_the_full_documents()
    {
        var full = PatchMetaCatalog.Load(TestFiles.OpenApiFolder);
        foreach (var (apiVersion, kind) in PatchMetaCatalog.ServedKinds)
        {
            Assert.NotNull(full.ForKind(apiVersion, kind));
            Assert.NotNull(PatchMeta.ForKind(apiVersion, kind));
        }

        var containers = PatchMeta.ForKind("apps/v1", "StatefulSet")!
            .Property("spec").Property("template").Property("spec").Property("containers");
        Assert.Equal("name", containers.PatchMergeKey);
        Assert.Equal(ListKind.Map, containers.ListKind);
        var ports = PatchMeta.ForKind("v1", "Service")!.Property("spec").Property("ports");
        Assert.Equal(["port", "protocol"], ports.ListKeys);
        Assert.Equal("TCP", ports.Element.Property("protocol").Default?.GetValue<string>());
        Assert.Null(PatchMeta.ForKind("visitcounter.io/v1alpha1", "VisitCounterApp"));
    }

    [Fact]
    public void Loading_from_a_missing_folder_says_which_folder_to_pass()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => PatchMetaCatalog.Load("/nonexistent/openapi"));

        Assert.Contains("/nonexistent/openapi", error.Message, StringComparison.Ordinal);
        Assert.Contains("v3_api_v1.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recursive_types_stay_finite()
    {
        var catalog = PatchMetaCatalog.Load(TestFiles.OpenApiFolder);
        var crd = catalog.ForKind("apiextensions.k8s.io/v1", "CustomResourceDefinition")!;

        var schema = crd.Property("spec").Property("versions").Element.Property("schema").Property("openAPIV3Schema");

        Assert.Same(schema.Property("properties").Property("x").Type, schema.Type);
    }
}
