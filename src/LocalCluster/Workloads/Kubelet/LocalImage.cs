namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// The local stand-in for a container image: the program the kubelet stand-in starts for a container whose image
/// has this repository (the image's entrypoint, in Docker terms).
/// </summary>
/// <param name="FileName">The executable, e.g. <c>dotnet</c>.</param>
/// <param name="Arguments">Its arguments, e.g. the path of <c>counter-app.dll</c>.</param>
/// <param name="WorkingDirectory">The image's working directory (Docker's WORKDIR) for containers without
/// <c>workingDir</c>, inside the pod sandbox; null for <c>/</c>.</param>
public sealed record LocalImage(string FileName, IReadOnlyList<string> Arguments, string? WorkingDirectory = null)
{
    /// <summary>The repository the bundled counter app is published under.</summary>
    public const string CounterAppRepository = "visitcounter/counter-app";

    /// <summary>A framework-dependent .NET application run as <c>dotnet PATH</c>.</summary>
    /// <remarks>Its directory is the working directory, as WORKDIR /app in the app's Dockerfile (ASP.NET Core
    /// watches its content root, which must not be the whole file system).</remarks>
    public static LocalImage DotnetAssembly(string assemblyPath) =>
        new("dotnet", [Path.GetFullPath(assemblyPath)], Path.GetDirectoryName(Path.GetFullPath(assemblyPath)));

    /// <summary>
    /// Finds counter-app.dll next to the running application (a test project that references src/CounterApp gets
    /// a copy in its output) or in the repository's build output, the usual places for a local run.
    /// </summary>
    public static LocalImage? FindCounterApp(string? searchFrom = null)
    {
        var start = searchFrom ?? AppContext.BaseDirectory;
        var beside = Path.Combine(start, "counter-app.dll");
        if (File.Exists(beside))
        {
            return DotnetAssembly(beside);
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "CounterApp", "bin");
            if (!Directory.Exists(project))
            {
                continue;
            }

            var newest = Directory.EnumerateFiles(project, "counter-app.dll", SearchOption.AllDirectories)
                .Where(p => File.Exists(Path.ChangeExtension(p, ".runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (newest is not null)
            {
                return DotnetAssembly(newest);
            }
        }

        return null;
    }
}
