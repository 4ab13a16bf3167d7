using System.Globalization;
using System.Net;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Hands out loopback addresses so that every local pod (or load balancer) has its own IP, as on a cluster network:
/// all of 127.0.0.0/8 reaches this host on Linux without configuration. An address stays with its owner (a pod's
/// namespace/name) until released, and an owner may ask for the address it had before (after a restart).
/// <para>
/// Several local clusters may run on one machine (tests start many): an address in use is marked by an exclusive
/// lock on a file named after it in a machine-wide directory, which the OS releases when the holder exits, so two
/// clusters never hand out the same address and a crashed cluster leaves no stale claim behind.
/// </para>
/// </summary>
internal sealed class LoopbackAddressPool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<uint> _candidates;
    private readonly string _lockDirectory;
    private readonly Dictionary<string, uint> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, FileStream> _used = [];

    private LoopbackAddressPool(List<uint> candidates, string? lockDirectory)
    {
        _candidates = candidates;
        _lockDirectory = lockDirectory ?? Path.Combine(Path.GetTempPath(), "visitcounter-local-cluster", "addresses");
        Directory.CreateDirectory(_lockDirectory);
    }

    /// <summary>Pod addresses: 127.0.0.2-127.0.0.254, then 127.0.2.1 onwards (127.0.1.0/24 is for load balancers).</summary>
    public static LoopbackAddressPool ForPods(string? lockDirectory = null)
    {
        var candidates = new List<uint>();
        for (uint third = 0; third < 256; third++)
        {
            if (third == 1)
            {
                continue;
            }

            for (uint fourth = third == 0 ? 2u : 1u; fourth < 255; fourth++)
            {
                candidates.Add((127u << 24) | (third << 8) | fourth);
            }
        }

        return new LoopbackAddressPool(candidates, lockDirectory);
    }

    /// <summary>Load balancer addresses: 127.0.1.1-127.0.1.254.</summary>
    public static LoopbackAddressPool ForLoadBalancers(string? lockDirectory = null) =>
        new([.. Enumerable.Range(1, 254).Select(i => (127u << 24) | (1u << 8) | (uint)i)], lockDirectory);

    public string Allocate(string owner, string? preferred = null)
    {
        lock (_gate)
        {
            if (_byOwner.TryGetValue(owner, out var existing))
            {
                return Format(existing);
            }

            if (preferred is not null && Parse(preferred) is { } wanted && _candidates.Contains(wanted) && TryTake(owner, wanted))
            {
                return Format(wanted);
            }

            foreach (var candidate in _candidates)
            {
                if (TryTake(owner, candidate))
                {
                    return Format(candidate);
                }
            }

            throw new InvalidOperationException("no free loopback address left for " + owner);
        }
    }

    public void Release(string owner)
    {
        lock (_gate)
        {
            if (_byOwner.Remove(owner, out var address) && _used.Remove(address, out var held))
            {
                held.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var held in _used.Values)
            {
                held.Dispose();
            }

            _used.Clear();
            _byOwner.Clear();
        }
    }

    private bool TryTake(string owner, uint address)
    {
        if (_used.ContainsKey(address))
        {
            return false;
        }

        try
        {
            // FileShare.None is an exclusive advisory lock on Unix: another process (or pool) cannot take it.
            var held = new FileStream(Path.Combine(_lockDirectory, Format(address)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _used[address] = held;
            _byOwner[owner] = address;
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    private static uint? Parse(string text)
    {
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }

        var bytes = ip.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }
}
