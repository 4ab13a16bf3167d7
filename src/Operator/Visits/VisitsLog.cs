using Microsoft.Extensions.Logging;

namespace VisitCounter.Operator.Visits;

/// <summary>The visits readers' log lines, source-generated so disabled levels cost nothing.</summary>
internal static partial class VisitsLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} did not answer /visits through the API server: {Error}")]
    public static partial void ProxyReadFailed(ILogger logger, string? @namespace, string? pod, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} did not answer /visits: {Error}")]
    public static partial void DirectReadFailed(ILogger logger, string? @namespace, string? pod, string error);
}
