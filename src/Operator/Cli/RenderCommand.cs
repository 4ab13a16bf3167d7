using System.CommandLine;
using VisitCounter.Operator.Rendering;

namespace VisitCounter.Operator.Cli;

/// <summary>The <c>render</c> command: prints the children of VisitCounterApp manifests, without a cluster.</summary>
public static class RenderCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Option<string>("--filename", "-f")
        {
            Description = "A file with one or more VisitCounterApp YAML documents, or - for standard input.",
            Required = true,
        };
        var appImage = new Option<string>("--app-image")
        {
            Description = "Counter-app image for apps that leave spec.image empty.",
            DefaultValueFactory = _ => OperatorDefaults.AppImage,
        };
        var command = new Command("render", "Print the Services and StatefulSet the operator would create for VisitCounterApp manifests (like helm template).") { file, appImage };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            string yaml;
            try
            {
                yaml = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: cannot read {path}: {e.Message}");
                return 1;
            }

            var result = ManifestRenderer.Render(yaml, parseResult.GetValue(appImage)!);
            if (!result.Succeeded)
            {
                foreach (var line in result.Errors)
                {
                    await error.WriteLineAsync($"error: {line}");
                }

                return 1;
            }

            await output.WriteAsync(result.Yaml);
            return 0;
        });
        return command;
    }
}
