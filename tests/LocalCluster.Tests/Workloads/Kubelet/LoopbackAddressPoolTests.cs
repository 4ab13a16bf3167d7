using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

public sealed class LoopbackAddressPoolTests : IDisposable
{
    private readonly string _locks = Path.Combine(Path.GetTempPath(), "address-pool-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Pod_addresses_start_after_the_host_address_and_stay_with_their_owner()
    {
        using var pool = LoopbackAddressPool.ForPods(_locks);

        var first = pool.Allocate("default/web-0");
        var second = pool.Allocate("default/web-1");

        Assert.Equal("127.0.0.2", first);
        Assert.Equal("127.0.0.3", second);
        Assert.Equal(first, pool.Allocate("default/web-0"));
    }

    [Fact]
    public void Two_pools_on_one_machine_never_hand_out_the_same_address()
    {
        using var a = LoopbackAddressPool.ForPods(_locks);
        using var b = LoopbackAddressPool.ForPods(_locks);

        var fromA = a.Allocate("default/web-0");
        var fromB = b.Allocate("default/web-0");

        Assert.NotEqual(fromA, fromB);
    }

    [Fact]
    public void Released_address_can_be_taken_again_and_a_preferred_free_address_is_honoured()
    {
        using var pool = LoopbackAddressPool.ForPods(_locks);
        pool.Allocate("default/web-0");
        pool.Release("default/web-0");

        Assert.Equal("127.0.0.9", pool.Allocate("default/web-1", preferred: "127.0.0.9"));
        Assert.Equal("127.0.0.2", pool.Allocate("default/web-2"));
    }

    [Fact]
    public void Load_balancer_addresses_come_from_127_0_1_0()
    {
        using var pool = LoopbackAddressPool.ForLoadBalancers(_locks);

        Assert.Equal("127.0.1.1", pool.Allocate("default/web"));
    }

    public void Dispose() => Directory.Delete(_locks, recursive: true);
}
