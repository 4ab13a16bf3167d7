using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Controllers;

public sealed class OwnerReferencesTests
{
    private static readonly EntityMetadata StatefulSet = EntityMetadata.For<V1StatefulSet>();

    [Theory]
    [InlineData("apps/v1", "StatefulSet", true, "web")]
    [InlineData("apps/v1beta2", "StatefulSet", true, "web")]
    [InlineData("apps/v1", "StatefulSet", false, null)]
    [InlineData("apps/v1", "Deployment", true, null)]
    [InlineData("v1", "StatefulSet", true, null)]
    [InlineData("other.io/v1", "StatefulSet", true, null)]
    public void Only_a_controller_reference_of_the_owner_kind_and_group_counts(string apiVersion, string kind, bool controller, string? expected)
    {
        var child = new V1ObjectMeta
        {
            Name = "web-0",
            Namespace = "shop",
            OwnerReferences = [new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = "web", Uid = "u", Controller = controller }],
        };

        var key = OwnerReferences.ControllerOwnerKey(child, StatefulSet);

        Assert.Equal(expected is null ? null : new ObjectKey("shop", expected), key);
    }

    [Fact]
    public void No_owner_references_means_no_owner()
    {
        Assert.Null(OwnerReferences.ControllerOwnerKey(new V1ObjectMeta { Name = "x" }, StatefulSet));
    }

    [Fact]
    public async Task Owned_children_enqueue_their_owner_on_add_update_and_delete()
    {
        var owners = new InMemoryInformer<V1StatefulSet>();
        var pods = new InMemoryInformer<V1Pod>();
        using var services = new ServiceCollection().AddSingleton<IEntityController<V1StatefulSet>>(new ScriptedController<V1StatefulSet>()).BuildServiceProvider();
        var controller = new Controller<V1StatefulSet>(
            new ControllerOptions { Name = "sts" },
            owners,
            services.GetRequiredService<IServiceScopeFactory>(),
            sp => sp.GetRequiredService<IEntityController<V1StatefulSet>>(),
            new RuntimeMetrics(new MetricsRegistry()),
            NullLogger.Instance);
        controller.Owns(pods);

        pods.Set(OwnedPod("web-0", "web"));
        pods.Set(OwnedPod("unrelated", null));
        Assert.Equal(new ObjectKey("shop", "web"), await Take(controller));

        pods.Set(OwnedPod("web-0", "api"));
        Assert.Equal(new ObjectKey("shop", "web"), await Take(controller));
        Assert.Equal(new ObjectKey("shop", "api"), await Take(controller));

        pods.Delete("web-0", "shop");
        Assert.Equal(new ObjectKey("shop", "api"), await Take(controller));
        Assert.Equal(0, controller.Queue.Count);
    }

    private static async Task<ObjectKey> Take(Controller<V1StatefulSet> controller)
    {
        var key = (await controller.Queue.GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)))!.Value;
        controller.Queue.Done(key);
        return key;
    }

    private static V1Pod OwnedPod(string name, string? owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Namespace = "shop",
            ResourceVersion = Guid.NewGuid().ToString(),
            OwnerReferences = owner is null ? null : [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = owner, Uid = $"uid-{owner}", Controller = true }],
        },
    };
}
