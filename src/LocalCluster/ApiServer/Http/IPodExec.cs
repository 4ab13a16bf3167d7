namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>What <c>kubectl exec</c> asked for (<c>pods/exec</c>).</summary>
/// <param name="Namespace">Pod namespace.</param>
/// <param name="Pod">Pod name.</param>
/// <param name="Container">The resolved container name.</param>
/// <param name="Command">The command and its arguments.</param>
/// <param name="Stdin">The client sends standard input.</param>
/// <param name="Tty">Run the command on a terminal (stdout and stderr merged, resizable).</param>
public sealed record PodExecRequest(string Namespace, string Pod, string Container, IReadOnlyList<string> Command, bool Stdin, bool Tty);

/// <summary>A command running in a container for <c>kubectl exec</c>.</summary>
public interface IExecSession : IAsyncDisposable
{
    /// <summary>The command's standard input (null when none was asked for).</summary>
    Stream? Stdin { get; }

    /// <summary>Its standard output (with a terminal: everything it writes).</summary>
    Stream Stdout { get; }

    /// <summary>Its standard error (null with a terminal).</summary>
    Stream? Stderr { get; }

    /// <summary>Completes with the exit code.</summary>
    Task<int> Exited { get; }

    /// <summary>Ends the command's input (kubectl closed its stdin).</summary>
    void CloseStdin();

    /// <summary>Sets the terminal's size; ignored without one.</summary>
    void Resize(int columns, int rows);
}

/// <summary>
/// Runs commands in containers; the kubelet stand-in implements it. Without one, every exec request is answered
/// like a real server asked for a container that is not running.
/// </summary>
public interface IPodExec
{
    /// <summary>Starts the command in the container's sandbox, or returns null when the container is not running.</summary>
    Task<IExecSession?> StartAsync(PodExecRequest request, CancellationToken cancellationToken);
}

/// <summary>The exec of a cluster that runs no containers.</summary>
internal sealed class NoPodExec : IPodExec
{
    public Task<IExecSession?> StartAsync(PodExecRequest request, CancellationToken cancellationToken) => Task.FromResult<IExecSession?>(null);
}
