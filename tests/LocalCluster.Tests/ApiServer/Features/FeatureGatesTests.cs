using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Features;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.Tests.Server.Features;

/// <summary>The gate table, the <c>--feature-gates</c> syntax and the StatefulSet strategy's dropping of disabled fields (pure).</summary>
public sealed class FeatureGatesTests
{
    private static readonly Dictionary<string, bool> NoOverrides = [];

    [Theory]
    [InlineData("24", false)]
    [InlineData("32", false)]
    [InlineData("34", false)]
    [InlineData("35", true)]
    [InlineData("36", true)]
    [InlineData("33+", false)]
    [InlineData("20", false)]
    public void MaxUnavailableStatefulSet_is_alpha_and_off_until_1_34_and_beta_and_on_from_1_35(string minor, bool enabled) =>
        Assert.Equal(enabled, FeatureGates.Resolve(minor, NoOverrides).IsEnabled(FeatureGates.MaxUnavailableStatefulSet));

    [Theory]
    [InlineData("32", true)]
    [InlineData("35", false)]
    public void An_override_wins_over_the_version_default(string minor, bool value) =>
        Assert.Equal(value, FeatureGates.Resolve(minor, new Dictionary<string, bool> { [FeatureGates.MaxUnavailableStatefulSet] = value })
            .IsEnabled(FeatureGates.MaxUnavailableStatefulSet));

    [Fact]
    public void Parse_reads_the_feature_gates_flag_syntax()
    {
        Assert.Equal(new Dictionary<string, bool> { ["MaxUnavailableStatefulSet"] = true },
            FeatureGates.Parse(" MaxUnavailableStatefulSet = true ,"));
        Assert.Equal(new Dictionary<string, bool> { ["MaxUnavailableStatefulSet"] = false }, FeatureGates.Parse("MaxUnavailableStatefulSet=F"));
        Assert.Empty(FeatureGates.Parse(""));
    }

    [Theory]
    [InlineData("MaxUnavailableStatefulSet=true,Foo=false", "unrecognized feature gate: Foo (this server knows MaxUnavailableStatefulSet)")]
    [InlineData("MaxUnavailableStatefulSet=maybe", "invalid value of MaxUnavailableStatefulSet=maybe, err: strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData("MaxUnavailableStatefulSet", "missing bool value for MaxUnavailableStatefulSet")]
    public void Parse_rejects_unknown_gates_and_bad_values_with_kube_apiserver_messages(string flag, string message)
    {
        var error = Assert.Throws<FormatException>(() => FeatureGates.Parse(flag));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_rejects_unknown_gates_and_unreadable_versions()
    {
        Assert.Contains("unrecognized feature gate: Nope", Assert.Throws<FormatException>(
            () => FeatureGates.Resolve("32", new Dictionary<string, bool> { ["Nope"] = true })).Message, StringComparison.Ordinal);
        Assert.Contains("is not a Kubernetes minor version", Assert.Throws<FormatException>(
            () => FeatureGates.Resolve("latest", NoOverrides)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_known_gate_has_ordered_stages_and_says_what_it_changes()
    {
        foreach (var gate in FeatureGates.Known)
        {
            Assert.NotEmpty(gate.Stages);
            Assert.Equal(gate.Stages.OrderBy(s => s.SinceMinor).Select(s => s.SinceMinor), gate.Stages.Select(s => s.SinceMinor));
            Assert.False(string.IsNullOrWhiteSpace(gate.Effect));
        }
    }

    private static JsonObject WithRollingUpdate(JsonObject? rollingUpdate) => new()
    {
        ["spec"] = new JsonObject
        {
            ["updateStrategy"] = rollingUpdate is null
                ? new JsonObject { ["type"] = "OnDelete" }
                : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = rollingUpdate },
        },
    };

    private static JsonObject MaxUnavailable(int value) => new() { ["partition"] = 0, ["maxUnavailable"] = value };

    [Fact]
    public void A_disabled_gate_drops_maxUnavailable_on_create_and_keeps_the_rest_of_rollingUpdate()
    {
        var statefulSet = WithRollingUpdate(MaxUnavailable(2));

        DisabledFields.Drop(ResourceRef.StatefulSets, statefulSet, null, FeatureGates.Resolve("32", NoOverrides));

        Assert.True(JsonNode.DeepEquals(WithRollingUpdate(new JsonObject { ["partition"] = 0 }), statefulSet));
    }

    [Fact]
    public void A_disabled_gate_keeps_maxUnavailable_on_update_when_the_stored_object_already_has_it()
    {
        var statefulSet = WithRollingUpdate(MaxUnavailable(3));

        DisabledFields.Drop(ResourceRef.StatefulSets, statefulSet, WithRollingUpdate(MaxUnavailable(2)), FeatureGates.Resolve("32", NoOverrides));

        Assert.Equal(3, statefulSet["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<int>());
    }

    [Fact]
    public void A_disabled_gate_drops_maxUnavailable_on_update_when_the_stored_object_has_none()
    {
        var statefulSet = WithRollingUpdate(MaxUnavailable(3));

        DisabledFields.Drop(ResourceRef.StatefulSets, statefulSet, WithRollingUpdate(null), FeatureGates.Resolve("32", NoOverrides));

        Assert.Null(statefulSet["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"]);
    }

    [Fact]
    public void An_enabled_gate_keeps_maxUnavailable()
    {
        var statefulSet = WithRollingUpdate(MaxUnavailable(2));

        DisabledFields.Drop(ResourceRef.StatefulSets, statefulSet, null, FeatureGates.Resolve("35", NoOverrides));

        Assert.Equal(2, statefulSet["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<int>());
    }
}
