using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace VisitCounter.LocalCluster.Workloads.Services;

/// <summary>
/// A kube-proxy stand-in for one Service port: listens on a local address and forwards every accepted connection to
/// the next endpoint in round-robin order (endpoints are looked up per connection, so a pod that stops being ready
/// stops receiving new connections at once). A connection arriving when no endpoint is ready is closed.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<IReadOnlyList<IPEndPoint>> _endpoints;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    private TcpForwarder(TcpListener listener, Func<IReadOnlyList<IPEndPoint>> endpoints, ILogger logger)
    {
        _listener = listener;
        _endpoints = endpoints;
        _logger = logger;
        _accepting = AcceptAsync();
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Starts listening; throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public static TcpForwarder Start(IPEndPoint listenOn, Func<IReadOnlyList<IPEndPoint>> endpoints, ILogger logger)
    {
        var listener = new TcpListener(listenOn);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(128);
        return new TcpForwarder(listener, endpoints, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            var endpoints = _endpoints();
            using var backend = new TcpClient();
            var connected = false;
            for (var attempt = 0; attempt < endpoints.Count && !connected; attempt++)
            {
                var endpoint = endpoints[(int)((uint)Interlocked.Increment(ref _next) % (uint)endpoints.Count)];
                try
                {
                    await backend.ConnectAsync(endpoint, _stop.Token);
                    connected = true;
                }
                catch (SocketException e)
                {
                    _logger.LogDebug(e, "Endpoint refused a forwarded connection; trying the next one");
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (!connected)
            {
                return;
            }

            client.NoDelay = true;
            backend.NoDelay = true;
            var clientStream = client.GetStream();
            var backendStream = backend.GetStream();
            try
            {
                var up = PipeAsync(clientStream, backend.Client);
                var down = PipeAsync(backendStream, client.Client);
                await Task.WhenAll(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // One side went away; both are closed by the usings.
            }
        }
    }

    /// <summary>Copies one direction, then half-closes the other side so that HTTP/1.0-style "read to end" works.</summary>
    private async Task PipeAsync(NetworkStream from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }
}
