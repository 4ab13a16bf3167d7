using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>Our client's verbs on built-in kinds against the real local API server (HTTPS, token from the kubeconfig).</summary>
public sealed class BuiltInCrudTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Service_create_get_update_delete_round_trips_through_the_server()
    {
        var ns = await cluster.CreateNamespaceAsync("crud");

        var created = await Client.CreateAsync(Objects.Service("web", ns));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.False(string.IsNullOrEmpty(created.Spec!.ClusterIP), "the server allocates a cluster IP");

        var read = await Client.GetAsync<V1Service>("web", ns);
        Assert.NotNull(read);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("http", read.Spec!.Ports![0].TargetPort!.ToString());

        read.Metadata.Labels!["tier"] = "front";
        var updated = await Client.UpdateAsync(read);
        Assert.Equal("front", updated.Metadata.Labels!["tier"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        await Client.DeleteAsync<V1Service>("web", ns);
        Assert.Null(await Client.GetAsync<V1Service>("web", ns));

        // Deletion is idempotent for the caller.
        await Client.DeleteAsync<V1Service>("web", ns);
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_AlreadyExists()
    {
        var ns = await cluster.CreateNamespaceAsync("exists");
        await Client.CreateAsync(Objects.Lease("one", ns));

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Client.CreateAsync(Objects.Lease("one", ns)));
        Assert.Equal("AlreadyExists", error.Reason);
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_Conflict_and_changes_nothing()
    {
        var ns = await cluster.CreateNamespaceAsync("stale");
        var original = await Client.CreateAsync(Objects.Lease("l", ns));
        var fresh = await Client.GetAsync<V1Lease>("l", ns);
        Objects.SetCounter(fresh!, 1);
        await Client.UpdateAsync(fresh!);

        Objects.SetCounter(original, 99);
        var error = await Assert.ThrowsAsync<ConflictException>(() => Client.UpdateAsync(original));

        Assert.Equal("Conflict", error.Reason);
        Assert.Equal(1, Objects.Counter((await Client.GetAsync<V1Lease>("l", ns))!));
    }

    [Fact]
    public async Task List_with_a_label_selector_returns_only_matching_objects()
    {
        var ns = await cluster.CreateNamespaceAsync("labels");
        await Client.CreateAsync(Objects.Lease("a", ns, new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }));
        await Client.CreateAsync(Objects.Lease("b", ns, new Dictionary<string, string> { ["tier"] = "web", ["env"] = "dev" }));
        await Client.CreateAsync(Objects.Lease("c", ns, new Dictionary<string, string> { ["tier"] = "db" }));

        var web = await Client.ListAsync<V1Lease>(ns, new ListOptions { LabelSelector = "tier=web" });
        var notProd = await Client.ListAsync<V1Lease>(ns, new ListOptions { LabelSelector = "tier=web,env!=prod" });
        var either = await Client.ListAsync<V1Lease>(ns, new ListOptions { LabelSelector = "tier in (web,db),!missing" });

        Assert.Equal(["a", "b"], web.Items.Select(l => l.Metadata.Name).Order());
        Assert.Equal(["b"], notProd.Items.Select(l => l.Metadata.Name));
        Assert.Equal(3, either.Items.Count);
    }

    [Fact]
    public async Task Limit_and_continue_page_through_every_object_exactly_once()
    {
        var ns = await cluster.CreateNamespaceAsync("pages");
        var names = Enumerable.Range(0, 7).Select(i => $"lease-{i}").ToArray();
        foreach (var name in names)
        {
            await Client.CreateAsync(Objects.Lease(name, ns));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.ListAsync<V1Lease>(ns, new ListOptions { Limit = 3, Continue = token });
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(l => l.Metadata.Name!));
            token = page.Metadata.Continue;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(3, pages);
        Assert.Equal(names, seen.Order());

        var all = await Client.ListAllAsync<V1Lease>(ns, new ListOptions { Limit = 2 });
        Assert.Equal(names, all.Items.Select(l => l.Metadata.Name).Order());
        Assert.False(string.IsNullOrEmpty(all.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Scale_subresource_of_a_StatefulSet_reads_and_changes_spec_replicas()
    {
        var ns = await cluster.CreateNamespaceAsync("sts-scale");
        await Client.CreateAsync(Objects.StatefulSet("web", ns, replicas: 2));

        var scale = await Client.GetScaleAsync<V1StatefulSet>("web", ns);
        Assert.Equal(2, scale.Spec.Replicas);

        scale.Spec.Replicas = 5;
        var written = await Client.ReplaceScaleAsync<V1StatefulSet>("web", ns, scale);

        Assert.Equal(5, written.Spec.Replicas);
        Assert.Equal(5, (await Client.GetAsync<V1StatefulSet>("web", ns))!.Spec!.Replicas);
    }

    [Fact]
    public async Task Delete_with_Orphan_and_a_wrong_uid_precondition_is_Conflict_and_the_right_uid_deletes()
    {
        var ns = await cluster.CreateNamespaceAsync("orphan");
        var sts = await Client.CreateAsync(Objects.StatefulSet("web", ns));

        var wrong = new V1DeleteOptions { PropagationPolicy = "Orphan", Preconditions = new V1Preconditions { Uid = Guid.NewGuid().ToString() } };
        var error = await Assert.ThrowsAsync<ConflictException>(() => Client.DeleteAsync<V1StatefulSet>("web", ns, wrong));
        Assert.Contains(sts.Metadata.Uid!, error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Client.GetAsync<V1StatefulSet>("web", ns));

        var right = new V1DeleteOptions { PropagationPolicy = "Orphan", Preconditions = new V1Preconditions { Uid = sts.Metadata.Uid } };
        await Client.DeleteAsync<V1StatefulSet>("web", ns, right);

        // Orphan adds the "orphan" finalizer that the garbage collector removes; this server runs no collector,
        // so the object stays, marked for deletion, until that finalizer goes.
        var marked = await Client.GetAsync<V1StatefulSet>("web", ns);
        Assert.NotNull(marked);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Contains("orphan", marked.Metadata.Finalizers ?? []);

        marked.Metadata.Finalizers = [];
        await Client.UpdateAsync(marked);
        Assert.Null(await Client.GetAsync<V1StatefulSet>("web", ns));
    }

    [Fact]
    public async Task Server_side_apply_creates_then_merges_and_reports_field_manager_conflicts()
    {
        var ns = await cluster.CreateNamespaceAsync("apply");
        var body = $$$"""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"applied","namespace":"{{{ns}}}","labels":{"owner":"a"}},
             "spec":{"holderIdentity":"a","leaseDurationSeconds":10}}
            """;

        var created = await Client.PatchAsync<V1Lease>("applied", ns, KubernetesPatch.Apply(body, "manager-a"));
        Assert.Equal("a", created.Spec!.HolderIdentity);

        var other = $$$"""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"applied","namespace":"{{{ns}}}","labels":{"extra":"b"} } }
            """;
        var merged = await Client.PatchAsync<V1Lease>("applied", ns, KubernetesPatch.Apply(other, "manager-b"));
        Assert.Equal("a", merged.Metadata.Labels!["owner"]);
        Assert.Equal("b", merged.Metadata.Labels!["extra"]);
        Assert.Equal(10, merged.Spec!.LeaseDurationSeconds);

        var takeover = $$$"""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"applied","namespace":"{{{ns}}}"},"spec":{"holderIdentity":"b"}}
            """;
        var conflict = await Assert.ThrowsAsync<ConflictException>(
            () => Client.PatchAsync<V1Lease>("applied", ns, KubernetesPatch.Apply(takeover, "manager-b")));
        Assert.Contains("holderIdentity", conflict.Message, StringComparison.Ordinal);

        var forced = await Client.PatchAsync<V1Lease>("applied", ns, KubernetesPatch.Apply(takeover, "manager-b", force: true));
        Assert.Equal("b", forced.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Merge_patch_changes_only_the_named_fields()
    {
        var ns = await cluster.CreateNamespaceAsync("merge");
        await Client.CreateAsync(Objects.Lease("m", ns, new Dictionary<string, string> { ["keep"] = "yes" }));

        var patched = await Client.PatchAsync<V1Lease>("m", ns, KubernetesPatch.Merge("""{"metadata":{"labels":{"added":"1"}},"spec":{"holderIdentity":"x"}}"""));

        Assert.Equal("yes", patched.Metadata.Labels!["keep"]);
        Assert.Equal("1", patched.Metadata.Labels!["added"]);
        Assert.Equal("x", patched.Spec!.HolderIdentity);
        Assert.Equal(15, patched.Spec.LeaseDurationSeconds);
    }
}
