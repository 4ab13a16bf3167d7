using System.Text.Json.Nodes;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Tests.Client;

public sealed class KubernetesClientCrudTests : ClientTestBase
{
    [Fact]
    public async Task Create_then_get_round_trips_through_the_server()
    {
        var created = await Client.CreateAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "web", Namespace = "ns1", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 3,
                ServiceName = "web-headless",
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateStatefulSetStrategy { Partition = 1, MaxUnavailable = "50%" } },
            },
        });

        Assert.NotNull(created.Metadata.Uid);
        Assert.NotNull(created.Metadata.ResourceVersion);
        var read = await Client.GetAsync<V1StatefulSet>("web", "ns1");
        Assert.NotNull(read);
        Assert.Equal(3, read.Spec!.Replicas);
        Assert.Equal("50%", read.Spec.UpdateStrategy!.RollingUpdate!.MaxUnavailable!.StringValue);
        var post = Server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/apis/apps/v1/namespaces/ns1/statefulsets", post.Path);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\"", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_returns_null_for_a_missing_object()
    {
        Assert.Null(await Client.GetAsync<V1Pod>("nope", "default"));
        Assert.Equal("/api/v1/namespaces/default/pods/nope", Server.Requests.Single().Path);
    }

    [Fact]
    public async Task Namespaced_calls_without_a_namespace_use_the_configured_default_and_cluster_scoped_calls_use_none()
    {
        Server.Put("v1", "pods", "default", Pod("a"));
        Assert.NotNull(await Client.GetAsync<V1Pod>("a"));
        await Client.GetAsync<V1StorageClass>("standard", "ignored");
        Assert.Equal("/apis/storage.k8s.io/v1/storageclasses/standard", Server.Requests.Last().Path);
    }

    [Fact]
    public async Task Create_of_an_existing_name_throws_AlreadyExists()
    {
        Server.Put("v1", "pods", "default", Pod("a"));
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "a", Namespace = "default" }, Spec = new V1PodSpec() };
        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Client.CreateAsync(pod));
        Assert.Equal(409, (int)error.StatusCode);
        Assert.Equal("AlreadyExists", error.Reason);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_throws_Conflict_and_a_fresh_one_succeeds()
    {
        Server.Put("v1", "pods", "default", Pod("a"));
        var first = (await Client.GetAsync<V1Pod>("a"))!;
        var second = (await Client.GetAsync<V1Pod>("a"))!;
        first.Metadata.Labels = new Dictionary<string, string> { ["x"] = "1" };
        var updated = await Client.UpdateAsync(first);
        Assert.NotEqual(first.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        second.Metadata.Labels = new Dictionary<string, string> { ["x"] = "2" };
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Client.UpdateAsync(second));
        Assert.Contains("the object has been modified", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("PUT", Server.Requests.Last().Method);
    }

    [Fact]
    public async Task Unknown_fields_survive_a_read_modify_write()
    {
        var pod = Pod("a");
        pod["spec"]!["futureField"] = new JsonObject { ["nested"] = 42 };
        pod["metadata"]!["labels"] = new JsonObject { ["keep"] = "me" };
        Server.Put("v1", "pods", "default", pod);

        var read = (await Client.GetAsync<V1Pod>("a"))!;
        read.Metadata.Labels!["added"] = "yes";
        await Client.UpdateAsync(read);

        var put = JsonNode.Parse(Server.Requests.Last().Body)!;
        Assert.Equal(42, put["spec"]!["futureField"]!["nested"]!.GetValue<int>());
        Assert.Equal("me", put["metadata"]!["labels"]!["keep"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateStatus_puts_to_the_status_subresource()
    {
        var sts = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["replicas"] = 2 },
        };
        Server.Put("apps/v1", "statefulsets", "default", sts);
        var read = (await Client.GetAsync<V1StatefulSet>("web"))!;
        read.Status = new V1StatefulSetStatus { Replicas = 2, ReadyReplicas = 1, ObservedGeneration = 1 };

        var updated = await Client.UpdateStatusAsync(read);

        Assert.Equal("/apis/apps/v1/namespaces/default/statefulsets/web/status", Server.Requests.Last().Path);
        Assert.Equal(1, updated.Status!.ReadyReplicas);
    }

    [Fact]
    public async Task Patch_sends_the_content_type_of_the_patch_type_and_field_manager()
    {
        Server.Put("v1", "pods", "default", Pod("a"));
        var patched = await Client.PatchAsync<V1Pod>("a", "default", KubernetesPatch.Merge("""{"metadata":{"labels":{"p":"q"}}}"""));
        Assert.Equal("q", patched.Metadata.Labels!["p"]);
        Assert.Equal("application/merge-patch+json", Server.Requests.Last().ContentType);

        await Client.PatchAsync<V1Pod>("a", "default", KubernetesPatch.Apply("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}""", "visitcounter", force: true));
        var apply = Server.Requests.Last();
        Assert.Equal("application/apply-patch+yaml", apply.ContentType);
        Assert.Equal("?fieldManager=visitcounter&force=true", apply.Query);
    }

    [Fact]
    public async Task PatchStatus_targets_the_status_subresource()
    {
        Server.Put("v1", "pods", "default", Pod("a"));
        var patched = await Client.PatchStatusAsync<V1Pod>("a", "default", KubernetesPatch.Merge("""{"status":{"phase":"Running","podIP":"10.0.0.7"}}"""));
        Assert.Equal("10.0.0.7", patched.Status!.PodIP);
        Assert.Equal("/api/v1/namespaces/default/pods/a/status", Server.Requests.Last().Path);
    }

    [Fact]
    public async Task Delete_sends_propagation_policy_and_preconditions_and_ignores_missing_objects()
    {
        Server.Put("apps/v1", "statefulsets", "default", new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet", ["metadata"] = new JsonObject { ["name"] = "web" },
        });
        await Client.DeleteAsync<V1StatefulSet>("web", "default", new V1DeleteOptions
        {
            PropagationPolicy = "Orphan",
            Preconditions = new V1Preconditions { Uid = "uid-1" },
        });

        var delete = Server.Requests.Last();
        Assert.Equal("DELETE", delete.Method);
        var body = JsonNode.Parse(delete.Body)!;
        Assert.Equal("Orphan", body["propagationPolicy"]!.GetValue<string>());
        Assert.Equal("uid-1", body["preconditions"]!["uid"]!.GetValue<string>());
        Assert.Equal("DeleteOptions", body["kind"]!.GetValue<string>());
        Assert.Null(await Client.GetAsync<V1StatefulSet>("web"));

        await Client.DeleteAsync<V1StatefulSet>("web", "default");
    }

    [Fact]
    public async Task Scale_subresource_can_be_read_and_replaced()
    {
        Server.Put("apps/v1", "statefulsets", "default", new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet", ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["replicas"] = 2 }, ["status"] = new JsonObject { ["replicas"] = 2 },
        });
        var scale = await Client.GetScaleAsync<V1StatefulSet>("web", "default");
        Assert.Equal(2, scale.Spec.Replicas);
        scale.Spec.Replicas = 5;

        var replaced = await Client.ReplaceScaleAsync<V1StatefulSet>("web", "default", scale);

        Assert.Equal(5, replaced.Spec.Replicas);
        Assert.Equal("/apis/apps/v1/namespaces/default/statefulsets/web/scale", Server.Requests.Last().Path);
        Assert.Equal(5, (await Client.GetAsync<V1StatefulSet>("web"))!.Spec!.Replicas);
    }

    [Fact]
    public async Task List_filters_by_label_selector_and_returns_the_collection_resource_version()
    {
        Server.Put("v1", "pods", "default", Pod("a", labels: new Dictionary<string, string> { ["app"] = "web" }));
        Server.Put("v1", "pods", "default", Pod("b", labels: new Dictionary<string, string> { ["app"] = "db" }));
        Server.Put("v1", "pods", "other", Pod("c", "other", new Dictionary<string, string> { ["app"] = "web" }));

        var inDefault = await Client.ListAsync<V1Pod>("default", new ListOptions { LabelSelector = "app=web" });
        Assert.Equal(["a"], inDefault.Items.Select(p => p.Metadata.Name));
        Assert.Equal(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), inDefault.Metadata.ResourceVersion);
        Assert.Equal("?labelSelector=app%3Dweb", Server.Requests.Last().Query);

        var everywhere = await Client.ListAsync<V1Pod>(null, new ListOptions { LabelSelector = "app=web" });
        Assert.Equal(["a", "c"], everywhere.Items.Select(p => p.Metadata.Name));
        Assert.Equal("/api/v1/pods", Server.Requests.Last().Path);
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_until_the_last_page()
    {
        for (var i = 0; i < 7; i++)
        {
            Server.Put("v1", "pods", "default", Pod($"p{i}"));
        }

        var page = await Client.ListAsync<V1Pod>("default", new ListOptions { Limit = 3 });
        Assert.Equal(3, page.Items.Count);
        Assert.False(string.IsNullOrEmpty(page.Metadata.Continue));

        var all = await Client.ListAllAsync<V1Pod>("default", new ListOptions { Limit = 3 });
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}"), all.Items.Select(p => p.Metadata.Name));
        Assert.Null(all.Metadata.Continue);
        var queries = Server.Requests.Skip(1).Select(r => r.Query).ToList();
        Assert.Equal(["?limit=3", "?limit=3&continue=3", "?limit=3&continue=6"], queries);
    }

    [Fact]
    public async Task Custom_resources_use_the_resolver_contributed_by_their_assembly()
    {
        var created = await Client.CreateAsync(new Widget { Metadata = new V1ObjectMeta { Name = "w", Namespace = "default" }, Spec = new WidgetSpec { Size = 3 } });
        Assert.Equal("test.visitcounter.io/v1", created.ApiVersion);
        Assert.Equal("Widget", created.Kind);
        Assert.Equal(3, created.Spec.Size);
        Assert.Equal("/apis/test.visitcounter.io/v1/namespaces/default/widgets", Server.Requests.Last().Path);
        Assert.Contains("\"size\":3", Server.Requests.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_without_json_metadata_fails_with_an_actionable_message()
    {
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString() });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync<Widget>("w", "default"));
        Assert.Contains("KubernetesJson.Create", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRaw_returns_the_body_of_an_arbitrary_path()
    {
        Server.Intercept = async context =>
        {
            if (context.Request.Path.Value!.EndsWith("/proxy/visits", StringComparison.Ordinal))
            {
                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "74\n");
                return true;
            }

            return false;
        };

        var text = await Client.GetRawAsync("/api/v1/namespaces/default/pods/web-0:8080/proxy/visits");

        Assert.Equal("74\n", text);
        Assert.Equal("/api/v1/namespaces/default/pods/web-0:8080/proxy/visits", Server.Requests.Last().Path);
    }
}
