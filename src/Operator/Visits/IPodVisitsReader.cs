using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Visits;

/// <summary>Reads one pod's visit count from its counter app's <c>GET /visits</c>.</summary>
public interface IPodVisitsReader
{
    /// <summary>The pod's count, or null when it did not answer in time or answered something unreadable.</summary>
    /// <param name="pod">A ready pod of the app.</param>
    /// <param name="port">The container port of the counter app.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<long?> ReadAsync(V1Pod pod, int port, CancellationToken cancellationToken);
}
