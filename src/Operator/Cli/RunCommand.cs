using System.CommandLine;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Configuration;
using VisitCounter.Operator.Hosting;

namespace VisitCounter.Operator.Cli;

/// <summary>The <c>run</c> command, also the root command's default action: run the operator against a cluster.</summary>
public static class RunCommand
{
    /// <summary>Creates the command with the shared operator flags.</summary>
    public static Command Create(OperatorCliOptions flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var command = new Command("run", "Run the operator against the cluster of the kubeconfig (or in-cluster). The default command.");
        flags.AddTo(command);
        command.SetAction(Action(flags));
        return command;
    }

    /// <summary>The action that runs the operator; the root command uses it too, so a bare invocation runs.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(OperatorCliOptions flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return async (parseResult, cancellationToken) =>
        {
            var options = flags.Read(parseResult);
            KubernetesClientConfiguration configuration;
            try
            {
                configuration = OperatorHost.ResolveConfiguration(options);
            }
            catch (KubeconfigException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            return await OperatorHost.RunAsync(options, configuration, cancellationToken);
        };
    }
}
