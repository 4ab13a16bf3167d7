namespace VisitCounter.TestSupport;

/// <summary>Finds the repository root and the shared reference data (<c>../shared</c>) from a test's output directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(() => FindUp(d => File.Exists(Path.Combine(d, "Operator.sln")))
        ?? throw new DirectoryNotFoundException($"No Operator.sln above {AppContext.BaseDirectory}; run the tests from the repository."));

    private static readonly Lazy<string> Shared = new(FindShared);

    /// <summary>The directory that holds Operator.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shared reference data directory (the one holding <c>kubernetes-openapi/</c>).</summary>
    public static string SharedDirectory => Shared.Value;

    /// <summary>The official Kubernetes OpenAPI documents.</summary>
    public static string KubernetesOpenApiDirectory => Path.Combine(SharedDirectory, "kubernetes-openapi");

    private static string FindShared()
    {
        // Walk up from the test binary: either a directory with shared/kubernetes-openapi (e.g. /work/shared beside /work/main),
        // or a repository whose sibling ../shared exists.
        var found = FindUp(d => Directory.Exists(Path.Combine(d, "shared", "kubernetes-openapi")))
            ?? FindUp(d => File.Exists(Path.Combine(d, "Operator.sln")) && Directory.Exists(Path.Combine(d, "..", "shared")));
        if (found is null)
        {
            throw new DirectoryNotFoundException(
                $"No shared/kubernetes-openapi above {AppContext.BaseDirectory}; the official schemas are expected in ../shared/kubernetes-openapi beside the repository.");
        }

        var direct = Path.Combine(found, "shared");
        return Path.GetFullPath(Directory.Exists(Path.Combine(direct, "kubernetes-openapi")) ? direct : Path.Combine(found, "..", "shared"));
    }

    private static string? FindUp(Func<string, bool> predicate)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (predicate(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
