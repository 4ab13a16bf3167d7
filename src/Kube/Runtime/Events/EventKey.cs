namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// What makes two occurrences the same Event series: the object, type, reason and message. A null
/// <see cref="Message"/> is the series of "(combined from similar events)" for that object, type and reason.
/// </summary>
internal readonly record struct EventKey(string? Uid, string Kind, string? Namespace, string Name, EventType Type, string Reason, string? Message)
{
    /// <summary>The series that similar events (same everything but the message) are combined into.</summary>
    public EventKey Similar => this with { Message = null };

    /// <summary>What the spam filter budgets: one object and event type (client-go's <c>getSpamKey</c>).</summary>
    public EventKey Source => this with { Reason = string.Empty, Message = null };
}
