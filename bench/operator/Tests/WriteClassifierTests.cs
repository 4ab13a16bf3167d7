using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class WriteClassifierTests
{
    private static readonly ResourceRef Apps = WriteClassifier.VisitCounterApps;

    [Fact]
    public void App_create_is_a_spec_write() =>
        Assert.Equal(WriteKind.AppSpec, WriteClassifier.Classify(Apps, WatchEventType.Added, null, 1));

    [Fact]
    public void App_update_that_bumps_generation_is_a_spec_write() =>
        Assert.Equal(WriteKind.AppSpec, WriteClassifier.Classify(Apps, WatchEventType.Modified, 1, 2));

    [Fact]
    public void App_update_with_same_generation_is_a_status_write() =>
        Assert.Equal(WriteKind.AppStatus, WriteClassifier.Classify(Apps, WatchEventType.Modified, 2, 2));

    [Fact]
    public void App_update_of_an_app_never_seen_counts_as_spec_write() =>
        Assert.Equal(WriteKind.AppSpec, WriteClassifier.Classify(Apps, WatchEventType.Modified, null, 2));

    [Theory]
    [InlineData(WatchEventType.Added)]
    [InlineData(WatchEventType.Modified)]
    [InlineData(WatchEventType.Deleted)]
    public void Children_and_events_are_counted_by_kind(WatchEventType type)
    {
        Assert.Equal(WriteKind.StatefulSet, WriteClassifier.Classify(ResourceRef.StatefulSets, type, null, 1));
        Assert.Equal(WriteKind.Service, WriteClassifier.Classify(ResourceRef.Services, type, null, 0));
        Assert.Equal(WriteKind.Event, WriteClassifier.Classify(ResourceRef.Events, type, null, 0));
    }

    [Fact]
    public void Bookmarks_and_other_resources_are_not_writes()
    {
        Assert.Null(WriteClassifier.Classify(ResourceRef.StatefulSets, WatchEventType.Bookmark, null, 1));
        Assert.Null(WriteClassifier.Classify(ResourceRef.Pods, WatchEventType.Added, null, 0));
    }
}
