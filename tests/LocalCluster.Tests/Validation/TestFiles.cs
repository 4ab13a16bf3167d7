using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace VisitCounter.LocalCluster.Tests.Validation;

/// <summary>Locates the repository and the shared reference data, and reads YAML fixtures as JSON nodes.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string OpenApiFolder =>
        Environment.GetEnvironmentVariable("KUBERNETES_OPENAPI_DIR")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "kubernetes-openapi"));

    public static string FixturesFolder =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "kubectl-contract", "fixtures"));

    public static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    /// <summary>Compact JSON without escaping quotes inside strings, so expectations read like kubectl output.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(VisitCounter.LocalCluster.Patching.JsonNodes.RelaxedEscaping) ?? "null";

    /// <summary>Reads every document of a YAML file; scalars become numbers/booleans the way the API server's YAML decoder reads them.</summary>
    public static IReadOnlyList<JsonObject> Yaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => (JsonObject)ToJson(d.RootNode)!).ToList();
    }

    public static JsonObject Fixture(string name) => Yaml(Path.Combine(FixturesFolder, name))[0];

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted)
        {
            return JsonValue.Create(text);
        }

        if (text is "null" or "~" or "")
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return JsonValue.Create(text);
    }

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        // tests/LocalCluster.Tests/Validation/TestFiles.cs -> repository root
        var fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        if (File.Exists(Path.Combine(fromSource, "Operator.sln")))
        {
            return fromSource;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Operator.sln)");
    }
}
