using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class ConvergenceTests
{
    private static readonly AppObservation Done = new("web", "uid-1", Generation: 2, ObservedGeneration: 2, ReadyReplicas: null, Visits: null, StatefulSetReplicas: 1, HasHeadlessService: true, HasClientService: true);

    [Fact]
    public void App_with_all_children_and_current_status_is_converged() =>
        Assert.True(Convergence.IsConverged(Done, expectedReplicas: 1));

    [Fact]
    public void Status_of_an_older_generation_is_not_converged() =>
        Assert.False(Convergence.IsConverged(Done with { ObservedGeneration = 1 }, 1));

    [Fact]
    public void App_without_status_is_not_converged() =>
        Assert.False(Convergence.IsConverged(Done with { ObservedGeneration = null }, 1));

    [Fact]
    public void StatefulSet_with_other_replicas_is_not_converged() =>
        Assert.False(Convergence.IsConverged(Done, expectedReplicas: 2));

    [Fact]
    public void Missing_statefulset_is_not_converged() =>
        Assert.False(Convergence.IsConverged(Done with { StatefulSetReplicas = null }, 1));

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Missing_service_is_not_converged(bool headless, bool client) =>
        Assert.False(Convergence.IsConverged(Done with { HasHeadlessService = headless, HasClientService = client }, 1));

    [Fact]
    public void CountConverged_counts_only_converged_apps() =>
        Assert.Equal(2, Convergence.CountConverged([Done, Done with { Name = "b" }, Done with { Name = "c", ObservedGeneration = 1 }], 1));
}
