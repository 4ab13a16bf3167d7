using VisitCounter.Crds.Defaulting;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Storage;

namespace VisitCounter.Operator.Tests.Storage;

public sealed class StorageChangeDecisionTests
{
    private static EffectiveStorage Desired(string size, string? storageClass = null, string mode = "ReadWriteOnce") =>
        new(ResourceQuantity.Parse(size), storageClass, [mode], "Retain", "Retain");

    private static V1PersistentVolumeClaim Live(string size, string? storageClass = null, string mode = "ReadWriteOnce") => new()
    {
        Metadata = new V1ObjectMeta { Name = "data" },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = [mode],
            StorageClassName = storageClass,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = ResourceQuantity.Parse(size) } },
        },
    };

    private static V1StorageClass Class(bool? expandable) => new() { Metadata = new V1ObjectMeta { Name = "standard" }, AllowVolumeExpansion = expandable };

    [Fact]
    public void Same_size_in_another_spelling_is_no_change() =>
        Assert.IsType<StorageChange.None>(StorageChangeDecision.Decide(Desired("1Gi"), Live("1024Mi"), null));

    [Fact]
    public void Growth_on_an_expandable_class_grows()
    {
        var change = Assert.IsType<StorageChange.Grow>(StorageChangeDecision.Decide(Desired("2Gi"), Live("1Gi"), Class(true)));
        Assert.Equal((ResourceQuantity.Parse("1Gi"), ResourceQuantity.Parse("2Gi")), (change.From, change.To));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Growth_without_allowVolumeExpansion_is_refused(bool? expandable)
    {
        var refused = Assert.IsType<StorageChange.Refused>(StorageChangeDecision.Decide(Desired("2Gi"), Live("1Gi"), Class(expandable)));
        Assert.Equal(StorageChangeDecision.ExpansionNotAllowed, refused.Reason);
        Assert.Contains("allowVolumeExpansion", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_with_a_missing_class_is_refused() =>
        Assert.Equal(StorageChangeDecision.ExpansionNotAllowed, Assert.IsType<StorageChange.Refused>(StorageChangeDecision.Decide(Desired("2Gi"), Live("1Gi"), null)).Reason);

    [Fact]
    public void Shrink_is_refused_with_the_size_to_go_back_to()
    {
        var refused = Assert.IsType<StorageChange.Refused>(StorageChangeDecision.Decide(Desired("500Mi"), Live("1Gi"), Class(true)));
        Assert.Equal(StorageChangeDecision.ShrinkRefused, refused.Reason);
        Assert.Contains("1Gi", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_change_is_refused() =>
        Assert.Equal(StorageChangeDecision.ClassChangeRefused, Assert.IsType<StorageChange.Refused>(StorageChangeDecision.Decide(Desired("1Gi", "fast"), Live("1Gi", "slow"), null)).Reason);

    [Fact]
    public void Access_mode_change_is_refused() =>
        Assert.Equal(StorageChangeDecision.AccessModesChangeRefused, Assert.IsType<StorageChange.Refused>(StorageChangeDecision.Decide(Desired("1Gi", mode: "ReadWriteMany"), Live("1Gi"), null)).Reason);
}
