using System.Collections.Concurrent;
using System.Globalization;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// Hands out cluster-wide values the API server allocates on create: Service cluster IPs (10.96.0.0/16)
/// and node ports (30000-32767), and names the default StorageClass. Addresses are derived from a counter
/// so two Services never share one.
/// </summary>
internal sealed class ClusterAllocations(Func<string?> defaultStorageClass)
{
    private readonly ConcurrentDictionary<int, bool> _usedNodePorts = new();
    private int _nextIp = Random.Shared.Next(1, 60000);
    private int _nextNodePort = Random.Shared.Next(0, 2768);

    public string NextClusterIp()
    {
        var n = (Interlocked.Increment(ref _nextIp) % 65533) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"10.96.{n / 256}.{Math.Max(1, n % 256)}");
    }

    public int NextNodePort()
    {
        for (var attempt = 0; attempt < 2768; attempt++)
        {
            var port = 30000 + (Interlocked.Increment(ref _nextNodePort) % 2768);
            if (_usedNodePorts.TryAdd(port, true)) return port;
        }
        throw Errors.ApiException.Internal("range of valid node ports (30000-32767) is exhausted");
    }

    public string? DefaultStorageClass() => defaultStorageClass();
}
