using System.Text.Json.Nodes;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Tests.Client;

public sealed class FieldManagerTests : ClientTestBase
{
    [Fact]
    public async Task Every_write_verb_sends_the_configured_field_manager_and_reads_do_not()
    {
        using var client = ManagedClient("visitcounter-operator");

        await client.CreateAsync(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "web-1", Namespace = "default" } });
        Server.Put("apps/v1", "statefulsets", "default", JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web","namespace":"default","generation":1},"spec":{"replicas":1}}""")!.AsObject());
        var updated = await client.UpdateAsync((await client.GetAsync<V1StatefulSet>("web", "default"))!);
        await client.UpdateStatusAsync(updated);
        await client.PatchAsync<V1StatefulSet>("web", "default", KubernetesPatch.Merge("""{"metadata":{"labels":{"a":"b"}}}"""));
        await client.PatchStatusAsync<V1StatefulSet>("web", "default", KubernetesPatch.StrategicMerge("""{"status":{"replicas":1}}"""));
        await client.PatchAsync<V1StatefulSet>("web", "default", new KubernetesPatch(PatchType.Apply, """{"apiVersion":"apps/v1","kind":"StatefulSet"}""", Force: true));
        var scale = await client.GetScaleAsync<V1StatefulSet>("web", "default");
        await client.ReplaceScaleAsync<V1StatefulSet>("web", "default", scale);
        await client.GetAsync<V1StatefulSet>("web", "default");
        await client.DeleteAsync<V1StatefulSet>("web", "default");

        var writes = Server.Requests.Where(r => r.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.Equal(7, writes.Count);
        Assert.All(writes, r => Assert.Contains("fieldManager=visitcounter-operator", r.Query, StringComparison.Ordinal));
        Assert.All(Server.Requests.Where(r => r.Method is "GET" or "DELETE"), r => Assert.DoesNotContain("fieldManager", r.Query, StringComparison.Ordinal));
        Assert.Contains("force=true", writes.Single(r => r.ContentType!.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal)).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apply_patch_that_names_its_own_manager_keeps_it()
    {
        using var client = ManagedClient("visitcounter-operator");
        await client.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p", Namespace = "default" } });

        await client.PatchAsync<V1Pod>("p", "default", KubernetesPatch.Apply("""{"apiVersion":"v1","kind":"Pod"}""", "someone-else", force: true));

        var apply = Server.Requests.Single(r => r.Method == "PATCH");
        Assert.Contains("fieldManager=someone-else", apply.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("visitcounter-operator", apply.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apply_patch_without_any_field_manager_is_refused_before_sending()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.PatchAsync<V1Pod>("p", "default", new KubernetesPatch(PatchType.Apply, "{}")));

        Assert.Contains("FieldManager", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    private KubernetesClient ManagedClient(string fieldManager) => new(
        new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString(), Namespace = "default", FieldManager = fieldManager },
        KubernetesJson.Create(TestJsonContext.Default));
}
