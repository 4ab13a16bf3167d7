using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.Tests.Server.Support;
using Manifests = VisitCounter.LocalCluster.Tests.Workloads.Support.Manifests;

namespace VisitCounter.LocalCluster.Tests.Server.AdmissionControl;

/// <summary>With <see cref="PodTemplateInjection"/> on, writes are mutated like a webhook would, and server-side apply lives with it.</summary>
public sealed class MutatingAdmissionServerTests
{
    private const string StatefulSets = "/apis/apps/v1/namespaces/default/statefulsets";
    private const string Apply = "application/apply-patch+yaml";
    private const string OperatorApply = $"{StatefulSets}/web?fieldManager=visitcounter-operator&force=true";

    private static Task<TestCluster> StartAsync() =>
        TestCluster.StartAsync(o => o with { MutatingAdmission = [new PodTemplateInjection()] });

    private static JsonObject Desired(string image = Manifests.CounterImage)
    {
        var statefulSet = Manifests.StatefulSet("web", 2, image: image);
        statefulSet["spec"]!["template"]!["spec"]!["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "operator-secret" });
        return statefulSet;
    }

    private static void AssertInjected(JsonObject statefulSet)
    {
        var template = statefulSet["spec"]!["template"]!;
        Assert.Equal("true", template["metadata"]!["labels"]!["policy.example.com/injected"]!.GetValue<string>());
        Assert.Contains(template["spec"]!["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "example.com/dedicated");
        Assert.Contains(template["spec"]!["imagePullSecrets"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "regcred");
    }

    private static string ResourceVersion(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static string FieldsOf(JsonObject obj, string manager) =>
        obj["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == manager)!["fieldsV1"]!.ToJsonString();

    [Fact]
    public async Task A_created_statefulset_is_stored_with_the_injected_items_owned_by_no_manager()
    {
        await using var cluster = await StartAsync();

        var (status, created, _) = await cluster.SendAsync(HttpMethod.Post, $"{StatefulSets}?fieldManager=creator", Desired());

        Assert.Equal(201, status);
        AssertInjected(created);
        AssertInjected(await cluster.GetJsonAsync($"{StatefulSets}/web"));
        Assert.DoesNotContain("policy.example.com/injected", FieldsOf(created, "creator"), StringComparison.Ordinal);
        Assert.DoesNotContain("regcred", FieldsOf(created, "creator"), StringComparison.Ordinal);
        Assert.Contains("operator-secret", FieldsOf(created, "creator"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forced_applies_by_the_operator_keep_the_injected_items_and_an_identical_one_changes_nothing()
    {
        await using var cluster = await StartAsync();

        var (first, applied, _) = await cluster.SendAsync(HttpMethod.Patch, OperatorApply, Desired(), Apply);
        var (second, again, _) = await cluster.SendAsync(HttpMethod.Patch, OperatorApply, Desired(), Apply);

        Assert.Equal((201, 200), (first, second));
        AssertInjected(applied);
        AssertInjected(again);
        Assert.Equal(ResourceVersion(applied), ResourceVersion(again));
        Assert.Equal(1, again["metadata"]!["generation"]!.GetValue<long>());
        Assert.DoesNotContain("policy.example.com/injected", FieldsOf(again, "visitcounter-operator"), StringComparison.Ordinal);
        Assert.DoesNotContain("tolerations", FieldsOf(again, "visitcounter-operator"), StringComparison.Ordinal);
        Assert.Equal(["operator-secret", "regcred"],
            again["spec"]!["template"]!["spec"]!["imagePullSecrets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_changed_apply_updates_the_operator_fields_and_keeps_the_injected_items()
    {
        await using var cluster = await StartAsync();
        var (_, applied, _) = await cluster.SendAsync(HttpMethod.Patch, OperatorApply, Desired(), Apply);

        var (status, changed, _) = await cluster.SendAsync(HttpMethod.Patch, OperatorApply, Desired("visitcounter/counter-app:0.2.0"), Apply);

        Assert.Equal(200, status);
        Assert.NotEqual(ResourceVersion(applied), ResourceVersion(changed));
        Assert.Equal(2, changed["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("visitcounter/counter-app:0.2.0", changed["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        AssertInjected(changed);
        Assert.Single(changed["spec"]!["template"]!["spec"]!["tolerations"]!.AsArray());
    }

    [Fact]
    public async Task Without_mutating_admission_the_server_stores_what_it_is_sent()
    {
        await using var cluster = await TestCluster.StartAsync();

        var (_, created, _) = await cluster.SendAsync(HttpMethod.Post, StatefulSets, Desired());

        Assert.Null(created["spec"]!["template"]!["spec"]!["tolerations"]);
        Assert.Null(created["spec"]!["template"]!["metadata"]!["labels"]!["policy.example.com/injected"]);
    }
}
