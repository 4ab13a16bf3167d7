namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>What <c>GET .../pods/NAME/log</c> asked for.</summary>
/// <param name="Namespace">Pod namespace.</param>
/// <param name="Pod">Pod name.</param>
/// <param name="Container">The resolved container name.</param>
/// <param name="Follow">Keep streaming new lines until the client goes away.</param>
/// <param name="TailLines">Only the last N lines, when set.</param>
/// <param name="Previous">The previous (terminated) instance of the container.</param>
/// <param name="Timestamps">Prefix every line with an RFC 3339 timestamp.</param>
public sealed record PodLogRequest(string Namespace, string Pod, string Container, bool Follow, long? TailLines, bool Previous, bool Timestamps);

/// <summary>
/// Where pod logs come from: the kubelet stand-in implements it for the processes it runs. Without one,
/// every log request is answered like a real server asked for a container that is not running.
/// </summary>
public interface IPodLogSource
{
    /// <summary>Opens the container's log as a byte stream (for <see cref="PodLogRequest.Follow"/>, one that
    /// keeps delivering until <paramref name="cancellationToken"/> fires), or null when the container is not running.</summary>
    Task<Stream?> OpenAsync(PodLogRequest request, CancellationToken cancellationToken);
}

/// <summary>The log source of a cluster that runs no containers.</summary>
internal sealed class NoPodLogs : IPodLogSource
{
    public Task<Stream?> OpenAsync(PodLogRequest request, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
}
