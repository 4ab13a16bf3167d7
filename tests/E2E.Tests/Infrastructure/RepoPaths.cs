namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>Files of the checkout the tests use as a user would (the samples, the generated CRD).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crd => Path.Combine(Root, "config", "crd", "bases", "visitcounter.io_visitcounterapps.yaml");

    public static string OperatorDll => Path.Combine(AppContext.BaseDirectory, "visitcounter-operator.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
