using System.CommandLine;

namespace VisitCounter.Operator.Cli;

/// <summary>
/// Builds the operator's command line in one place. <c>run</c> is also the root's default action, so
/// <c>visitcounter-operator --leader-elect</c> runs the operator.
/// </summary>
public static class CliBuilder
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var flags = new OperatorCliOptions();
        var root = new RootCommand("VisitCounter operator: turns VisitCounterApp resources into StatefulSets of counter apps.");
        flags.AddTo(root);
        root.SetAction(RunCommand.Action(flags));
        root.Subcommands.Add(RunCommand.Create(flags));
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        return root;
    }
}
