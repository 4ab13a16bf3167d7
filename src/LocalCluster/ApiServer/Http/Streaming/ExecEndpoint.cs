using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>
/// <c>pods/exec</c> over the WebSocket remote-command protocol that kubectl 1.30+ speaks (<see cref="ChannelProtocol"/>):
/// the command runs in the container's sandbox through <see cref="IPodExec"/>; its output goes out on the stdout and
/// stderr channels, kubectl's input and terminal resizes come in, and the exit code ends the session on the error
/// channel.
/// </summary>
internal sealed class ExecEndpoint(ResourceService service, IPodExec exec)
{
    private const int BufferSize = 32 * 1024;

    public async Task HandleAsync(HttpContext context, string ns, string name)
    {
        var pod = service.Get(service.Registry.Get(ResourceRef.Pods), ns, name);
        var query = context.Request.Query;
        var container = PodContainers.Resolve(pod, name, query["container"].ToString());
        var command = query["command"].Where(c => c is not null).Select(c => c!).ToList();
        if (command.Count == 0)
        {
            throw ApiException.BadRequest("you must specify at least 1 command");
        }

        // Checked before the protocol: kubectl retries a refused WebSocket upgrade over SPDY, and the user should
        // read why the exec cannot run, not which protocol it would need.
        if (!IsRunning(pod, container))
        {
            throw ApiException.BadRequest($"container {container} is not running in pod {name}; kubectl exec needs a running container");
        }

        StreamingUpgrade.RequireWebSocket(context, "exec", "1.30");
        var protocol = ChannelProtocol.Negotiate(context.WebSockets.WebSocketRequestedProtocols)
            ?? throw ApiException.BadRequest($"pods/exec needs the WebSocket subprotocol {ChannelProtocol.V5} or {ChannelProtocol.V4}: use kubectl 1.30 or newer");
        var request = new PodExecRequest(ns, name, container, command,
            RequestOptions.Bool(query["stdin"]) == true, RequestOptions.Bool(query["tty"]) == true);

        await using var session = await StartAsync(request, context.RequestAborted)
            ?? throw ApiException.BadRequest($"container {container} is not running in pod {name}; kubectl exec needs a running container");
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        using var sender = new WebSocketSender(socket);
        await RunAsync(socket, sender, session, request, context.RequestAborted);
    }

    private static bool IsRunning(System.Text.Json.Nodes.JsonObject pod, string container) =>
        (pod["status"]?["containerStatuses"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Any(s => s?["name"]?.GetValue<string>() == container && s["state"]?["running"] is not null);

    private async Task<IExecSession?> StartAsync(PodExecRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await exec.StartAsync(request, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw ApiException.BadRequest($"could not start {request.Command[0]} in container {request.Container}: {e.Message}");
        }
    }

    private static async Task RunAsync(WebSocket socket, WebSocketSender sender, IExecSession session, PodExecRequest request, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        // As the kubelet does: an empty message on the first output channel tells the client the stream is up.
        await sender.SendAsync(ChannelProtocol.Frame(ChannelProtocol.Stdout, []), stop.Token);
        var input = ReadClientAsync(socket, session, stop.Token);
        var stdout = PumpAsync(session.Stdout, ChannelProtocol.Stdout, sender, stop.Token);
        var stderr = session.Stderr is null ? Task.CompletedTask : PumpAsync(session.Stderr, ChannelProtocol.Stderr, sender, stop.Token);
        try
        {
            var exitCode = await session.Exited.WaitAsync(stop.Token);
            await Task.WhenAll(stdout, stderr);
            var status = HttpJson.Serialize(ExecStatus.For(exitCode, request.Command));
            await sender.SendAsync(ChannelProtocol.Frame(ChannelProtocol.Error, status), stop.Token);
            await sender.CloseAsync(stop.Token);
            // Let kubectl answer the close (the reader sees it), so that the connection ends cleanly, not reset.
            await input.WaitAsync(TimeSpan.FromSeconds(5), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // kubectl went away: disposing the session stops the command.
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(input, stdout, stderr).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task PumpAsync(Stream output, byte channel, WebSocketSender sender, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await ReadAsync(output, buffer, cancellationToken)) > 0)
        {
            await sender.SendAsync(ChannelProtocol.Frame(channel, buffer.AsSpan(0, read)), cancellationToken);
        }
    }

    /// <summary>A terminal's master side reports the end of the command as an I/O error rather than end of file.</summary>
    private static async Task<int> ReadAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task ReadClientAsync(WebSocket socket, IExecSession session, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize + 1];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                await DispatchAsync(message.ToArray(), session, cancellationToken);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
        finally
        {
            session.CloseStdin();
        }
    }

    private static async Task DispatchAsync(byte[] message, IExecSession session, CancellationToken cancellationToken)
    {
        if (message.Length == 0)
        {
            return;
        }

        var payload = message.AsMemory(1);
        switch (message[0])
        {
            case ChannelProtocol.Stdin when session.Stdin is not null && payload.Length > 0:
                await session.Stdin.WriteAsync(payload, cancellationToken);
                await session.Stdin.FlushAsync(cancellationToken);
                break;
            case ChannelProtocol.Resize when TerminalSize.Parse(payload.Span) is { } size:
                session.Resize(size.Width, size.Height);
                break;
            case ChannelProtocol.Close when payload.Length > 0 && payload.Span[0] == ChannelProtocol.Stdin:
                session.CloseStdin();
                break;
        }
    }
}
