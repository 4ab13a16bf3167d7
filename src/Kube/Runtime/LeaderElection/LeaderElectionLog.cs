using Microsoft.Extensions.Logging;

namespace VisitCounter.Kube.Runtime.LeaderElection;

/// <summary>Leader election log lines, source-generated.</summary>
internal static partial class LeaderElectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Attempting to acquire leader lease {Namespace}/{Lease} as {Identity}")]
    public static partial void Attempting(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquired leader lease {Namespace}/{Lease} as {Identity}")]
    public static partial void Acquired(ILogger logger, string @namespace, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease {Namespace}/{Lease} is held by {Holder}; waiting")]
    public static partial void HeldByOther(ILogger logger, string @namespace, string lease, string holder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lost leader lease {Namespace}/{Lease} as {Identity}: {Reason}; reconciling stopped")]
    public static partial void Lost(ILogger logger, string @namespace, string lease, string identity, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released leader lease {Namespace}/{Lease}")]
    public static partial void Released(ILogger logger, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release leader lease {Namespace}/{Lease}; it expires on its own")]
    public static partial void ReleaseFailed(ILogger logger, Exception error, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acquire or renew of lease {Namespace}/{Lease} failed")]
    public static partial void AttemptFailed(ILogger logger, Exception error, string @namespace, string lease);
}
