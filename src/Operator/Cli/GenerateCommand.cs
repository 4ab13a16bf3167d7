using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using VisitCounter.Crds.Generation;
using VisitCounter.Operator.Manifests;

namespace VisitCounter.Operator.Cli;

/// <summary>The <c>generate</c> command: writes <c>config/crd</c> and <c>config/rbac</c> from the code.</summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var configDir = new Option<string>("--config-dir")
        {
            Description = "The kustomize config directory to write crd/ and rbac/ into.",
            DefaultValueFactory = _ => "config",
        };
        var command = new Command("generate", "Write config/crd (from the C# types) and config/rbac (from the permissions the code uses).") { configDir };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var directory = parseResult.GetValue(configDir)!;
            var output = parseResult.InvocationConfiguration.Output;
            var changed = await WriteAllAsync(directory, cancellationToken);
            foreach (var path in changed)
            {
                await output.WriteLineAsync($"wrote {path}");
            }

            await output.WriteLineAsync(changed.Count == 0 ? $"{directory} is up to date" : $"{changed.Count} file(s) changed");
            return 0;
        });
        return command;
    }

    /// <summary>Writes every generated file under <paramref name="configDir"/>; returns the paths that changed.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "generate is a development-time command; the CRD generator reflects over the Crds types, which the operator itself references and so keeps.")]
    public static async Task<IReadOnlyList<string>> WriteAllAsync(string configDir, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        changed.AddRange(await CrdManifests.WriteAsync(configDir, cancellationToken));
        changed.AddRange(await RbacManifests.WriteAsync(configDir, cancellationToken));
        return changed;
    }
}
