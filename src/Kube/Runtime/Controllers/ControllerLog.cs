using Microsoft.Extensions.Logging;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>The controller loop's log lines, source-generated.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {Controller} {Namespace}/{Name} in {DurationMs} ms: {Result}")]
    public static partial void Reconciled(ILogger logger, string controller, string? @namespace, string name, long durationMs, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Namespace}/{Name} failed after {DurationMs} ms, retry {Retry} in {DelayMs} ms: {Error}")]
    public static partial void Failed(ILogger logger, Exception? exception, string controller, string? @namespace, string name, long durationMs, int retry, long delayMs, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile of {Controller} {Namespace}/{Name} met a transient error after {DurationMs} ms, retry {Retry} in {DelayMs} ms: {Reason}")]
    public static partial void Retrying(ILogger logger, string controller, string? @namespace, string name, long durationMs, int retry, long delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile of {Controller} {Namespace}/{Name} threw after {DurationMs} ms; retry {Retry} in {DelayMs} ms")]
    public static partial void Threw(ILogger logger, Exception exception, string controller, string? @namespace, string name, long durationMs, int retry, long delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile of {Controller} {Namespace}/{Name} was cancelled; it will run again when reconciling resumes")]
    public static partial void Cancelled(ILogger logger, string controller, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Workers} workers for controller {Controller}")]
    public static partial void Starting(ILogger logger, int workers, string controller);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped controller {Controller}")]
    public static partial void Stopped(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resync of controller {Controller}: enqueued {Count} objects")]
    public static partial void Resynced(ILogger logger, string controller, int count);
}
