using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Http.Streaming.Spdy;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>
/// <c>pods/portforward</c> as kubectl 1.31+ speaks it: a WebSocket with subprotocol
/// <c>SPDY/3.1+portforward.k8s.io</c> that tunnels a SPDY/3.1 connection (<see cref="PortForwardSession"/>).
/// Connections go to the pod's IP, as the kubelet's port-forward reaches into the pod's network namespace.
/// </summary>
internal sealed class PortForwardEndpoint(ResourceService service, ILoggerFactory loggerFactory)
{
    public const string Protocol = "SPDY/3.1+portforward.k8s.io";

    private readonly ILogger _logger = loggerFactory.CreateLogger<PortForwardEndpoint>();

    public async Task HandleAsync(HttpContext context, string ns, string name)
    {
        var pod = service.Get(service.Registry.Get(ResourceRef.Pods), ns, name);
        StreamingUpgrade.RequireWebSocket(context, "portforward", "1.31");
        if (!context.WebSockets.WebSocketRequestedProtocols.SelectMany(p => p.Split(',')).Any(p => p.Trim() == Protocol))
        {
            throw ApiException.BadRequest($"pods/portforward needs the WebSocket subprotocol {Protocol}: use kubectl 1.31 or newer");
        }

        var podIp = pod["status"]?["podIP"]?.GetValue<string>();
        if (string.IsNullOrEmpty(podIp) || pod["status"]?["phase"]?.GetValue<string>() != "Running")
        {
            throw ApiException.BadRequest($"unable to forward ports of pod {name}: it is not running");
        }

        // .NET rejects "/" in a subprotocol token (RFC 6455 says token), but this is the name client-go asks for;
        // the response header is set directly, which the handshake keeps.
        context.Response.Headers.SecWebSocketProtocol = Protocol;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var session = new PortForwardSession(socket, podIp, _logger);
        await session.RunAsync(context.RequestAborted);
    }
}
