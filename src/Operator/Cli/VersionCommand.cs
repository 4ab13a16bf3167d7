using System.CommandLine;
using System.Reflection;

namespace VisitCounter.Operator.Cli;

/// <summary>The <c>version</c> command: prints the operator's version and the default app image.</summary>
public static class VersionCommand
{
    /// <summary>The operator's informational version, from the assembly (set by the build).</summary>
    public static string OperatorVersion { get; } =
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("version", "Print the operator version and the default counter-app image.");
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"visitcounter-operator {OperatorVersion}");
            output.WriteLine($"default app image {OperatorDefaults.AppImage}");
            output.WriteLine($"runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            return 0;
        });
        return command;
    }
}
