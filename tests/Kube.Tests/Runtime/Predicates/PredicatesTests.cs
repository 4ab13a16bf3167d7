using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Predicates;
using P = VisitCounter.Kube.Runtime.Predicates.Predicates;

namespace VisitCounter.Kube.Tests.Runtime.Predicates;

public sealed class PredicatesTests
{
    private static V1Pod Pod(long generation = 1, Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null, DateTimeOffset? deleting = null, string[]? finalizers = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "a",
            Namespace = "ns",
            Generation = generation,
            Labels = labels,
            Annotations = annotations,
            DeletionTimestamp = deleting,
            Finalizers = finalizers,
        },
    };

    private static readonly EventPredicate<V1Pod> SpecOrMetadata = P.Or(
        P.GenerationChanged<V1Pod>(),
        P.LabelsChanged<V1Pod>(),
        P.AnnotationsChanged<V1Pod>(),
        P.DeletionRequested<V1Pod>());

    [Fact]
    public void GenerationChanged_passes_spec_changes_only() =>
        Assert.Equal(
            [true, false],
            [P.GenerationChanged<V1Pod>().Update(Pod(1), Pod(2)), P.GenerationChanged<V1Pod>().Update(Pod(1), Pod(1))]);

    [Fact]
    public void LabelsChanged_and_AnnotationsChanged_compare_maps_not_references()
    {
        var labels = P.LabelsChanged<V1Pod>();
        Assert.False(labels.Update(Pod(labels: new() { ["a"] = "1" }), Pod(labels: new() { ["a"] = "1" })));
        Assert.True(labels.Update(Pod(labels: new() { ["a"] = "1" }), Pod(labels: new() { ["a"] = "2" })));
        Assert.True(labels.Update(Pod(), Pod(labels: new() { ["a"] = "1" })));
        Assert.False(labels.Update(Pod(), Pod(labels: [])));

        var annotations = P.AnnotationsChanged<V1Pod>();
        Assert.True(annotations.Update(Pod(annotations: new() { ["x"] = "1" }), Pod()));
        Assert.False(annotations.Update(Pod(annotations: new() { ["x"] = "1" }), Pod(annotations: new() { ["x"] = "1" })));
    }

    [Fact]
    public void DeletionRequested_passes_the_deletion_timestamp_and_each_finalizer_change()
    {
        var deletion = P.DeletionRequested<V1Pod>();
        Assert.True(deletion.Update(Pod(), Pod(deleting: DateTimeOffset.UnixEpoch)));
        Assert.True(deletion.Update(Pod(deleting: DateTimeOffset.UnixEpoch, finalizers: ["a", "b"]), Pod(deleting: DateTimeOffset.UnixEpoch, finalizers: ["b"])));
        Assert.False(deletion.Update(Pod(finalizers: ["a"]), Pod(finalizers: ["a"])));
    }

    [Fact]
    public void A_status_only_update_passes_none_of_the_spec_and_metadata_predicates() =>
        Assert.False(SpecOrMetadata.Update(Pod(3, new() { ["a"] = "1" }), Pod(3, new() { ["a"] = "1" })));

    [Fact]
    public void Create_and_delete_pass_unless_filtered()
    {
        Assert.True(SpecOrMetadata.Create(Pod()));
        Assert.True(SpecOrMetadata.Delete(Pod()));
        var never = P.Not(EventPredicate<V1Pod>.All);
        Assert.False(never.Create(Pod()));
        Assert.False(never.Delete(Pod()));
    }

    [Fact]
    public void And_needs_every_predicate_and_Not_inverts()
    {
        var both = P.And(
            P.GenerationChanged<V1Pod>(),
            P.LabelsChanged<V1Pod>());
        Assert.False(both.Update(Pod(1), Pod(2)));
        Assert.True(both.Update(Pod(1), Pod(2, new() { ["a"] = "1" })));
        Assert.True(P.Not(both).Update(Pod(1), Pod(2)));
    }
}
