using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Http.Streaming.Spdy;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>
/// The server side of one port-forward SPDY connection, as the kubelet's <c>portforward/httpstream.go</c> runs it:
/// for every forwarded client connection kubectl opens an <c>error</c> and a <c>data</c> stream with the same
/// <c>requestid</c> and a <c>port</c>; once both are there, the data stream is joined to a TCP connection to
/// POD_IP:port. When the pod side closes, the data stream and then the error stream end (kubectl waits for the
/// latter); a connection that cannot be made is reported as text on the error stream.
/// </summary>
internal sealed partial class PortForwardSession(WebSocket socket, string podIp, ILogger logger) : IAsyncDisposable
{
    private const int ChunkSize = 32 * 1024;
    private readonly WebSocketSender _sender = new(socket);
    private readonly SpdyHeaderCompression _inflater = SpdyHeaderCompression.Decompressor();
    private readonly SpdyHeaderCompression _deflater = SpdyHeaderCompression.Compressor();
    private readonly Dictionary<string, ForwardRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, ForwardRequest> _byStream = [];
    private readonly List<Task> _forwards = [];
    private readonly CancellationTokenSource _stopping = new();

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        var token = linked.Token;
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.Write(buffer, 0, result.Count);
                var consumed = 0;
                var bytes = pending.GetBuffer().AsMemory(0, (int)pending.Length);
                while (SpdyFrame.TryRead(bytes.Span[consumed..], out var used) is { } frame)
                {
                    consumed += used;
                    await HandleAsync(frame, token);
                }

                var rest = bytes[consumed..].ToArray();
                pending.SetLength(0);
                pending.Write(rest);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or InvalidDataException)
        {
            if (e is InvalidDataException)
            {
                LogProtocolError(logger, e.Message);
            }
        }
    }

    private async Task HandleAsync(SpdyFrame frame, CancellationToken token)
    {
        if (!frame.IsControl)
        {
            if (_byStream.TryGetValue(frame.StreamId, out var request) && request.DataStream == frame.StreamId)
            {
                await request.FromClientAsync(frame.Payload, frame.Fin);
            }

            return;
        }

        switch (frame.Type)
        {
            case SpdyControlType.SynStream:
                await OpenStreamAsync(frame, token);
                break;
            case SpdyControlType.Ping:
                // Pings from the client (odd ids) are echoed, as SPDY requires.
                await _sender.SendAsync(SpdyFrame.Control(SpdyControlType.Ping, 0, frame.Payload), token);
                break;
            case SpdyControlType.RstStream:
                if (_byStream.Remove(frame.ControlStreamId, out var reset))
                {
                    reset.Reset();
                }

                break;
            case SpdyControlType.GoAway:
                await _stopping.CancelAsync();
                break;
            default:
                // SETTINGS, WINDOW_UPDATE, HEADERS: nothing a forwarded TCP connection needs.
                break;
        }
    }

    private async Task OpenStreamAsync(SpdyFrame frame, CancellationToken token)
    {
        var streamId = frame.ControlStreamId;
        var headers = SpdyHeaderBlock.Decode(_inflater.Decompress(frame.SynStreamHeaderBlock));
        await _sender.SendAsync(SpdyFrame.SynReply(streamId, _deflater.Compress(SpdyHeaderBlock.Encode(new Dictionary<string, string>()))), token);

        var requestId = headers.GetValueOrDefault("requestid", streamId.ToString(CultureInfo.InvariantCulture));
        if (!_requests.TryGetValue(requestId, out var request))
        {
            request = new ForwardRequest(this);
            _requests[requestId] = request;
        }

        _byStream[streamId] = request;
        switch (headers.GetValueOrDefault("streamtype"))
        {
            case "error":
                request.ErrorStream = streamId;
                break;
            case "data":
                request.DataStream = streamId;
                request.Port = headers.GetValueOrDefault("port", "");
                break;
            default:
                await _sender.SendAsync(SpdyFrame.RstStream(streamId, 1), token);
                return;
        }

        if (request is { ErrorStream: not null, DataStream: not null })
        {
            _requests.Remove(requestId);
            _forwards.Add(request.ForwardAsync(podIp, token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var request in _byStream.Values.Distinct())
        {
            request.Reset();
        }

        await Task.WhenAll(_forwards).ContinueWith(_ => { }, TaskScheduler.Default);
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _sender.CloseAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }

        _sender.Dispose();
        _inflater.Dispose();
        _deflater.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port-forward connection ended on a protocol error: {Message}")]
    private static partial void LogProtocolError(ILogger logger, string message);

    /// <summary>One forwarded client connection: its two streams and the TCP connection to the pod.</summary>
    private sealed class ForwardRequest(PortForwardSession session)
    {
        private readonly TcpClient _tcp = new();
        private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _reset = new();

        public uint? ErrorStream { get; set; }

        public uint? DataStream { get; set; }

        public string Port { get; set; } = "";

        /// <summary>Data from kubectl: written to the pod once connected; FIN half-closes the pod connection.</summary>
        public async Task FromClientAsync(byte[] data, bool fin)
        {
            try
            {
                await _connected.Task.WaitAsync(_reset.Token);
                var stream = _tcp.GetStream();
                if (data.Length > 0)
                {
                    await stream.WriteAsync(data, _reset.Token);
                }

                if (fin)
                {
                    _tcp.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or InvalidOperationException or ObjectDisposedException)
            {
                // The pod connection failed or was reset; the forwarding task reports it.
            }
        }

        public void Reset()
        {
            _reset.Cancel();
            _tcp.Dispose();
        }

        public async Task ForwardAsync(string podIp, CancellationToken token)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, _reset.Token);
            var error = await ConnectAsync(podIp, linked.Token);
            if (error is null)
            {
                error = await PumpFromPodAsync(podIp, linked.Token);
            }
            else
            {
                _connected.TrySetCanceled(CancellationToken.None);
            }

            try
            {
                await session._sender.SendAsync(SpdyFrame.Data(DataStream!.Value, [], fin: true), token);
                var message = error is null ? [] : Encoding.UTF8.GetBytes(error);
                await session._sender.SendAsync(SpdyFrame.Data(ErrorStream!.Value, message, fin: true), token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
            finally
            {
                _tcp.Dispose();
            }
        }

        private async Task<string?> ConnectAsync(string podIp, CancellationToken token)
        {
            if (!int.TryParse(Port, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                return $"invalid port \"{Port}\" in the port-forward request";
            }

            try
            {
                await _tcp.ConnectAsync(podIp, port, token);
                _connected.TrySetResult();
                return null;
            }
            catch (SocketException e)
            {
                return $"error forwarding port {port} to pod {podIp}: failed to connect to {podIp}:{port}: {e.Message}";
            }
        }

        private async Task<string?> PumpFromPodAsync(string podIp, CancellationToken token)
        {
            var buffer = new byte[ChunkSize];
            try
            {
                var stream = _tcp.GetStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, token)) > 0)
                {
                    await session._sender.SendAsync(SpdyFrame.Data(DataStream!.Value, buffer.AsSpan(0, read), fin: false), token);
                }

                return null;
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                return $"error forwarding port {Port} to pod {podIp}: {e.Message}";
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or WebSocketException)
            {
                return null;
            }
        }
    }
}
