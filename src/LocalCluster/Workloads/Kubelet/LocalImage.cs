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

    /// <summary>The repository the operator is published under (config/manager and the Helm chart).</summary>
    public const string OperatorRepository = "visitcounter/operator";

    /// <summary>A native executable (the Native AOT operator) run as it is, from its own directory.</summary>
    public static LocalImage Executable(string path) =>
        new(Path.GetFullPath(path), [], Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>
    /// Finds counter-app.dll next to the running application (a test project that references src/CounterApp gets
    /// a copy in its output) or in the repository's build output, the usual places for a local run.
    /// </summary>
    public static LocalImage? FindCounterApp(string? searchFrom = null) => FindAssembly("counter-app", Path.Combine("src", "CounterApp"), searchFrom);

    /// <summary>
    /// Finds the operator for pods of <see cref="OperatorRepository"/>: <c>visitcounter-operator.dll</c> next to the
    /// running application (visitcounter-local and the tests reference src/Operator) or in the repository's build
    /// output, run with <c>dotnet</c>; or, in a directory that holds only the Native AOT publish
    /// (<c>tools/publish-aot.sh</c>), the native <c>visitcounter-operator</c> itself.
    /// </summary>
    public static LocalImage? FindOperator(string? searchFrom = null)
    {
        var start = searchFrom ?? AppContext.BaseDirectory;
        var native = Path.Combine(start, "visitcounter-operator");
        if (!File.Exists(native + ".dll") && File.Exists(native))
        {
            return Executable(native);
        }

        return FindAssembly("visitcounter-operator", Path.Combine("src", "Operator"), searchFrom);
    }

    private static LocalImage? FindAssembly(string assemblyName, string project, string? searchFrom)
    {
        var start = searchFrom ?? AppContext.BaseDirectory;
        var fileName = assemblyName + ".dll";
        var beside = Path.Combine(start, fileName);
        if (File.Exists(beside))
        {
            return DotnetAssembly(beside);
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var output = Path.Combine(dir.FullName, project, "bin");
            if (!Directory.Exists(output))
            {
                continue;
            }

            var newest = Directory.EnumerateFiles(output, fileName, SearchOption.AllDirectories)
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
