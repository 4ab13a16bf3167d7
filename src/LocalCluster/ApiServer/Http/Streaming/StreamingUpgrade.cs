using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>
/// The checks before <c>exec</c> and <c>portforward</c> switch protocols. The local server speaks only the
/// WebSocket protocols; a client that asks for SPDY (kubectl older than the versions named here, or with the
/// WebSocket feature switched off) is told which clients work instead of getting a bare upgrade failure.
/// </summary>
internal static class StreamingUpgrade
{
    public static void RequireWebSocket(HttpContext context, string subresource, string firstWebSocketKubectl)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            return;
        }

        var upgrade = context.Request.Headers.Upgrade.ToString();
        if (upgrade.Contains("SPDY", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.BadRequest(
                $"the local cluster serves pods/{subresource} over WebSocket only, not SPDY: use kubectl {firstWebSocketKubectl} or newer " +
                "(and leave KUBECTL_REMOTE_COMMAND_WEBSOCKETS / KUBECTL_PORT_FORWARD_WEBSOCKETS unset or true)");
        }

        throw ApiException.BadRequest("Upgrade request required");
    }
}
