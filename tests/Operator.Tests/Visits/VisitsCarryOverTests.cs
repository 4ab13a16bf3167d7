using VisitCounter.Kube.Models;
using VisitCounter.Operator.Visits;
using Xunit;

namespace VisitCounter.Operator.Tests.Visits;

public sealed class VisitsCarryOverTests
{
    [Fact]
    public void A_ready_pod_that_did_not_answer_keeps_its_last_known_count()
    {
        var merged = VisitsCarryOver.Merge(
            Counts(("web-0", 120)), [Pod("web-0", ready: true), Pod("web-1", ready: true)], Counts(("web-0", 100), ("web-1", 80)));

        Assert.Equal(Counts(("web-0", 120), ("web-1", 80)), merged);
    }

    [Fact]
    public void A_pod_that_is_not_ready_is_not_given_an_old_count()
    {
        var merged = VisitsCarryOver.Merge(Counts(("web-0", 120)), [Pod("web-0", ready: true), Pod("web-1", ready: false)], Counts(("web-1", 80)));

        Assert.Equal(Counts(("web-0", 120)), merged);
    }

    [Fact]
    public void A_new_answer_wins_over_the_last_known_count()
    {
        var merged = VisitsCarryOver.Merge(Counts(("web-0", 5)), [Pod("web-0", ready: true)], Counts(("web-0", 100)));

        Assert.Equal(Counts(("web-0", 5)), merged);
    }

    [Fact]
    public void A_ready_pod_never_read_before_stays_unknown()
    {
        var merged = VisitsCarryOver.Merge(Counts(), [Pod("web-2", ready: true)], Counts(("web-0", 100)));

        Assert.Empty(merged);
    }

    private static Dictionary<string, long> Counts(params (string Pod, long Visits)[] counts) =>
        counts.ToDictionary(c => c.Pod, c => c.Visits, StringComparer.Ordinal);

    private static V1Pod Pod(string name, bool ready) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = "lab" },
        Status = new V1PodStatus { PodIP = "127.0.0.9", Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };
}
