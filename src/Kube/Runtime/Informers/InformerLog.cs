using Microsoft.Extensions.Logging;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>The informer's log lines, source-generated so disabled levels cost nothing.</summary>
internal static partial class InformerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Count} {Resource} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string resource, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {Resource} ended; resuming at resourceVersion {ResourceVersion}")]
    public static partial void WatchEnded(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} closed after {DurationMs} ms without events; retrying with backoff")]
    public static partial void ShortWatch(ILogger logger, string resource, long durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Resource} at resourceVersion {ResourceVersion} expired ({Reason}); relisting")]
    public static partial void Expired(ILogger logger, string resource, string? resourceVersion, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "List of {Resource} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void ListFailed(ILogger logger, Exception error, string resource, int attempt, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} failed (attempt {Attempt}); resuming at resourceVersion {ResourceVersion} in {DelayMs} ms")]
    public static partial void WatchFailed(ILogger logger, Exception error, string resource, int attempt, string resourceVersion, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} outlived its {TimeoutSeconds} s server timeout; presuming a dead connection and resuming at resourceVersion {ResourceVersion}")]
    public static partial void WatchStalled(ILogger logger, string resource, int timeoutSeconds, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event handler of the {Resource} informer failed")]
    public static partial void HandlerFailed(ILogger logger, Exception error, string resource);
}
