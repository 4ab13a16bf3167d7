using VisitCounter.Kube.Runtime.Events;
using static VisitCounter.Kube.Runtime.Events.EventCorrelator;

namespace VisitCounter.Kube.Tests.Runtime.Events;

public sealed class EventCorrelatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EventCorrelator correlator = new(new EventRecorderOptions());

    [Fact]
    public void Identical_events_update_one_series_with_a_growing_count()
    {
        var key = Key("BackOff", "restarting failed container");
        var first = correlator.Correlate(key, Start);
        Assert.Equal(CorrelationAction.Create, first.Action);
        correlator.Remember(new Series(first.Key, "shop", "web.1", 1, Start, Start));

        var second = correlator.Correlate(key, Start.AddMinutes(1));
        correlator.Remember(second.Existing!);
        var third = correlator.Correlate(key, Start.AddMinutes(2));

        Assert.Equal(CorrelationAction.Update, third.Action);
        Assert.Equal(3, third.Existing!.Count);
        Assert.Equal("web.1", third.Existing.Name);
        Assert.Equal(Start, third.Existing.FirstTimestamp);
        Assert.Equal(Start.AddMinutes(2), third.Existing.LastTimestamp);
    }

    [Fact]
    public void Similar_events_are_combined_from_the_tenth_within_the_window()
    {
        var actions = Enumerable.Range(1, 12)
            .Select(i => correlator.Correlate(Key("Failed", $"pod web-{i} failed"), Start.AddSeconds(i)))
            .ToList();

        Assert.All(actions.Take(9), a => Assert.Equal(CorrelationAction.Create, a.Action));
        Assert.All(actions.Take(9), a => Assert.NotNull(a.Key.Message));
        var combined = actions[9];
        Assert.Null(combined.Key.Message);
        Assert.Equal("(combined from similar events): pod web-10 failed", combined.Message);
        Assert.Equal(actions[10].Key, combined.Key);
        Assert.Equal("(combined from similar events): pod web-12 failed", actions[11].Message);
    }

    [Fact]
    public void Similar_events_spread_wider_than_the_window_are_not_combined()
    {
        var actions = Enumerable.Range(1, 12)
            .Select(i => correlator.Correlate(Key("Failed", $"pod web-{i} failed"), Start.AddMinutes(11 * i)))
            .ToList();

        Assert.All(actions, a => Assert.NotNull(a.Key.Message));
    }

    [Fact]
    public void The_spam_filter_passes_the_burst_then_one_event_per_refill_interval_per_object()
    {
        var passed = Enumerable.Range(1, 30)
            .Count(i => correlator.Correlate(Key($"Reason{i}", "m"), Start).Action != CorrelationAction.Filter);
        Assert.Equal(25, passed);

        Assert.Equal(CorrelationAction.Filter, correlator.Correlate(Key("Later", "m"), Start.AddMinutes(4)).Action);
        Assert.Equal(CorrelationAction.Create, correlator.Correlate(Key("Later", "m"), Start.AddMinutes(5)).Action);
        Assert.Equal(CorrelationAction.Filter, correlator.Correlate(Key("Later2", "m"), Start.AddMinutes(5)).Action);

        // Another object, or another type on the same object, has its own budget.
        Assert.Equal(CorrelationAction.Create, correlator.Correlate(Key("Reason1", "m") with { Name = "api", Uid = "uid-api" }, Start).Action);
        Assert.Equal(CorrelationAction.Create, correlator.Correlate(Key("Reason1", "m") with { Type = EventType.Warning }, Start).Action);
    }

    [Fact]
    public void Filtered_repeats_still_count_towards_the_next_written_update()
    {
        var options = new EventRecorderOptions { SpamBurst = 2 };
        var limited = new EventCorrelator(options);
        var key = Key("Synced", "ok");
        var created = limited.Correlate(key, Start);
        limited.Remember(new Series(created.Key, "shop", "web.1", 1, Start, Start));
        limited.Remember(limited.Correlate(key, Start).Existing!);

        Assert.Equal(CorrelationAction.Filter, limited.Correlate(key, Start).Action);
        Assert.Equal(CorrelationAction.Filter, limited.Correlate(key, Start).Action);
        var next = limited.Correlate(key, Start + options.SpamRefillInterval);

        Assert.Equal(CorrelationAction.Update, next.Action);
        Assert.Equal(5, next.Existing!.Count);
    }

    private static EventKey Key(string reason, string message) =>
        new("uid-web", "StatefulSet", "shop", "web", EventType.Normal, reason, message);
}
