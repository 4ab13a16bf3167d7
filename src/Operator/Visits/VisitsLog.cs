using Microsoft.Extensions.Logging;

namespace VisitCounter.Operator.Visits;

/// <summary>The visits readers' log lines, source-generated so disabled levels cost nothing.</summary>
internal static partial class VisitsLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} did not answer /visits through the API server: {Error}")]
    public static partial void ProxyReadFailed(ILogger logger, string? @namespace, string? pod, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the visits of pod {Namespace}/{Pod}: the API server refused its proxy; grant get on pods/proxy in the operator's ClusterRole (config/rbac/role.yaml): {Error}")]
    public static partial void ProxyForbidden(ILogger logger, string? @namespace, string? pod, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} did not answer /visits: {Error}")]
    public static partial void DirectReadFailed(ILogger logger, string? @namespace, string? pod, string error);
}
