using System.Text.Json.Nodes;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>Our client on the CRD-defined VisitCounterApp: CRUD, defaults, status and scale subresources, schema errors.</summary>
public sealed class CustomResourceTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task VisitCounterApp_create_get_list_update_delete_with_schema_defaults_applied()
    {
        var ns = await cluster.CreateNamespaceAsync("vca-crud");

        var created = await Client.CreateAsync(TestVisitCounterApp.Create("web", ns, replicas: 2));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(8080, created.Spec["port"]!.GetValue<int>());
        Assert.Equal("OrderedReady", created.Spec["podManagementPolicy"]!.GetValue<string>());

        var listed = await Client.ListAsync<TestVisitCounterApp>(ns);
        Assert.Equal(["web"], listed.Items.Select(a => a.Metadata.Name));

        var read = (await Client.GetAsync<TestVisitCounterApp>("web", ns))!;
        read.Spec["replicas"] = 4;
        var updated = await Client.UpdateAsync(read);
        Assert.Equal(4, updated.Replicas);
        Assert.Equal(2, updated.Metadata.Generation);

        await Client.DeleteAsync<TestVisitCounterApp>("web", ns);
        Assert.Null(await Client.GetAsync<TestVisitCounterApp>("web", ns));
    }

    [Fact]
    public async Task Status_writes_ignore_spec_and_main_resource_writes_ignore_status()
    {
        var ns = await cluster.CreateNamespaceAsync("vca-status");
        var app = await Client.CreateAsync(TestVisitCounterApp.Create("web", ns, replicas: 2));

        app.Status = new JsonObject { ["phase"] = "Ready", ["replicas"] = 2 };
        app.Spec["replicas"] = 7;
        var afterStatus = await Client.UpdateStatusAsync(app);
        Assert.Equal("Ready", afterStatus.Status!["phase"]!.GetValue<string>());
        Assert.Equal(2, afterStatus.Replicas);
        Assert.Equal(1, afterStatus.Metadata.Generation);

        afterStatus.Status = new JsonObject { ["phase"] = "Degraded" };
        afterStatus.Spec["replicas"] = 3;
        var afterSpec = await Client.UpdateAsync(afterStatus);
        Assert.Equal(3, afterSpec.Replicas);
        Assert.Equal("Ready", afterSpec.Status!["phase"]!.GetValue<string>());

        var patched = await Client.PatchStatusAsync<TestVisitCounterApp>(
            "web", ns, KubernetesPatch.Merge("""{"status":{"visits":42},"spec":{"replicas":9}}"""));
        Assert.Equal(42, patched.Status!["visits"]!.GetValue<long>());
        Assert.Equal(3, patched.Replicas);
    }

    [Fact]
    public async Task Scale_subresource_maps_to_spec_replicas_and_status_selector()
    {
        var ns = await cluster.CreateNamespaceAsync("vca-scale");
        var app = await Client.CreateAsync(TestVisitCounterApp.Create("web", ns, replicas: 1));
        app.Status = new JsonObject { ["replicas"] = 1, ["selector"] = "app.kubernetes.io/instance=web" };
        await Client.UpdateStatusAsync(app);

        var scale = await Client.GetScaleAsync<TestVisitCounterApp>("web", ns);
        Assert.Equal(1, scale.Spec.Replicas);
        Assert.Equal(1, scale.Status!.Replicas);
        Assert.Equal("app.kubernetes.io/instance=web", scale.Status.Selector);

        scale.Spec.Replicas = 5;
        await Client.ReplaceScaleAsync<TestVisitCounterApp>("web", ns, scale);

        var after = (await Client.GetAsync<TestVisitCounterApp>("web", ns))!;
        Assert.Equal(5, after.Replicas);
        Assert.Equal(2, after.Metadata.Generation);
    }

    [Fact]
    public async Task Invalid_VisitCounterApp_is_Invalid_with_a_cause_naming_the_field()
    {
        var ns = await cluster.CreateNamespaceAsync("vca-invalid");
        var app = TestVisitCounterApp.Create("web", ns);
        app.Spec["replicas"] = 5000;

        var error = await Assert.ThrowsAsync<InvalidException>(() => Client.CreateAsync(app));

        Assert.Equal("Invalid", error.Reason);
        Assert.Contains(error.Causes, c => c.Field == "spec.replicas");
        Assert.Null(await Client.GetAsync<TestVisitCounterApp>("web", ns));
    }

    [Fact]
    public async Task Cross_field_rule_of_the_CRD_is_enforced_on_update()
    {
        var ns = await cluster.CreateNamespaceAsync("vca-cel");
        var app = await Client.CreateAsync(TestVisitCounterApp.Create("web", ns));
        app.Spec["updateStrategy"] = new JsonObject { ["type"] = "OnDelete", ["partition"] = 2 };

        var error = await Assert.ThrowsAsync<InvalidException>(() => Client.UpdateAsync(app));

        Assert.Contains(error.Causes, c => c.Field?.StartsWith("spec.updateStrategy", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Server_side_apply_of_a_VisitCounterApp_creates_it_and_a_second_apply_changes_only_its_fields()
    {
        var ns = await cluster.CreateNamespaceAsync("vca-apply");
        string Manifest(int replicas) => $$$"""
            {"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web","namespace":"{{{ns}}}"},
             "spec":{"replicas":{{{replicas}}},"podManagementPolicy":"Parallel"}}
            """;

        var created = await Client.PatchAsync<TestVisitCounterApp>("web", ns, KubernetesPatch.Apply(Manifest(2), "kubectl"));
        var again = await Client.PatchAsync<TestVisitCounterApp>("web", ns, KubernetesPatch.Apply(Manifest(2), "kubectl"));
        var scaled = await Client.PatchAsync<TestVisitCounterApp>("web", ns, KubernetesPatch.Apply(Manifest(3), "kubectl"));

        Assert.Equal(2, created.Replicas);
        Assert.Equal(created.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Equal(3, scaled.Replicas);
        Assert.Equal("Parallel", scaled.Spec["podManagementPolicy"]!.GetValue<string>());
        Assert.Equal(2, scaled.Metadata.Generation);
    }
}
