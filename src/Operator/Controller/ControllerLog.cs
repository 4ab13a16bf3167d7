using Microsoft.Extensions.Logging;

namespace VisitCounter.Operator.Controller;

/// <summary>The VisitCounterApp controller's log lines, source-generated so disabled levels cost nothing.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Namespace}/{Name} generation {Generation}: phase {Phase}, actions {Actions}, {DurationMs} ms")]
    public static partial void Reconciled(ILogger logger, string? @namespace, string? name, long? generation, string? phase, ReconcileActions actions, long durationMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {Namespace}/{Name} generation {Generation}: phase {Phase}, nothing to do, {DurationMs} ms")]
    public static partial void Unchanged(ILogger logger, string? @namespace, string? name, long? generation, string? phase, long durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Namespace}/{Name}: deleted, children are garbage collected")]
    public static partial void Deleted(ILogger logger, string? @namespace, string? name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile of {Namespace}/{Name} generation {Generation} met a transient API error after {Actions}; retrying: {Summary}")]
    public static partial void Transient(ILogger logger, string? @namespace, string? name, long? generation, ReconcileActions actions, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Namespace}/{Name} generation {Generation} needs a person after {Actions}: {Reason}: {Message}")]
    public static partial void NeedsPerson(ILogger logger, string? @namespace, string? name, long? generation, ReconcileActions actions, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the problem in the status of {Namespace}/{Name}: {Error}")]
    public static partial void StatusNotRecorded(ILogger logger, string? @namespace, string? name, string error);
}
