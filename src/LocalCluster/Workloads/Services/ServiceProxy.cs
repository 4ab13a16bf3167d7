using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Kubelet;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Services;

/// <summary>
/// kube-proxy and the cloud load-balancer controller of the local cluster. A NodePort Service is served on
/// HOST_IP:nodePort; a LoadBalancer Service also gets a loopback address of its own (127.0.1.x), reported in
/// status.loadBalancer.ingress and served on the Service's port. When that port cannot be bound (a privileged
/// port without the right to bind it, or a port in use), the ingress port carries the error and the node port
/// keeps serving. Every listener balances connections over the ready endpoints. ClusterIP Services need nothing
/// here: the API server's service proxy reaches them.
/// </summary>
internal sealed partial class ServiceProxy : IAsyncDisposable
{
    private const string FieldManager = "local-service-proxy";
    private readonly WorkloadContext _context;
    private readonly KubeletOptions _node;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;
    private readonly LoopbackAddressPool _loadBalancerAddresses = LoopbackAddressPool.ForLoadBalancers();
    private readonly Dictionary<string, Dictionary<string, TcpForwarder>> _listeners = new(StringComparer.Ordinal);

    public ServiceProxy(WorkloadContext context, KubeletOptions node)
    {
        _context = context;
        _node = node;
        _queue = new WorkQueue(context.Time);
        _logger = context.LoggerFactory.CreateLogger<ServiceProxy>();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informer = new StoreInformer(_context.Store, ResourceRef.Services,
            all =>
            {
                foreach (var key in all.Select(s => s.Key()).Concat(ListenerKeys()))
                {
                    _queue.Add(key);
                }
            },
            (_, service) => _queue.Add(service.Key()),
            _logger,
            _context.Time);
        await Task.WhenAll(informer.RunAsync(cancellationToken), _queue.RunAsync(ReconcileAsync, 1, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Dispose();
        List<TcpForwarder> all;
        lock (_listeners)
        {
            all = [.. _listeners.Values.SelectMany(l => l.Values)];
            _listeners.Clear();
        }

        foreach (var forwarder in all)
        {
            await forwarder.DisposeAsync();
        }

        _loadBalancerAddresses.Dispose();
    }

    private List<string> ListenerKeys()
    {
        lock (_listeners)
        {
            return [.. _listeners.Keys];
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var ns = key[..slash];
        var service = _context.Store.Get(ResourceRef.Services, ns, key[(slash + 1)..]);
        var type = service?["spec"]?["type"]?.GetValue<string>() ?? "ClusterIP";
        var wanted = new Dictionary<string, (IPEndPoint Listen, JsonObject Port, bool LoadBalancer)>(StringComparer.Ordinal);
        string? loadBalancerIp = null;
        if (service is not null && !service.IsTerminating() && type is "NodePort" or "LoadBalancer")
        {
            var hostIp = IPAddress.Parse(_node.HostIp);
            if (type == "LoadBalancer")
            {
                loadBalancerIp = _loadBalancerAddresses.Allocate(key, service["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.GetValue<string>());
            }

            foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (port["protocol"]?.GetValue<string>() is { } protocol && protocol != "TCP")
                {
                    continue;
                }

                if (JsonNumber.AsInt32(port["nodePort"]) is { } nodePort)
                {
                    wanted["node:" + nodePort] = (new IPEndPoint(hostIp, nodePort), port, false);
                }

                if (loadBalancerIp is not null && JsonNumber.AsInt32(port["port"]) is { } servicePort)
                {
                    wanted["lb:" + servicePort] = (new IPEndPoint(IPAddress.Parse(loadBalancerIp), servicePort), port, true);
                }
            }
        }
        else
        {
            _loadBalancerAddresses.Release(key);
        }

        var errors = await SyncListenersAsync(key, ns, service, wanted);
        if (service is not null && type == "LoadBalancer" && loadBalancerIp is not null)
        {
            await WriteLoadBalancerStatusAsync(service, loadBalancerIp, errors, cancellationToken);
        }
    }

    /// <summary>Opens the wanted listeners and closes the others; returns bind errors by listener name.</summary>
    private async Task<Dictionary<string, string>> SyncListenersAsync(
        string key, string ns, JsonObject? service, Dictionary<string, (IPEndPoint Listen, JsonObject Port, bool LoadBalancer)> wanted)
    {
        Dictionary<string, TcpForwarder> current;
        lock (_listeners)
        {
            if (!_listeners.TryGetValue(key, out current!))
            {
                current = new Dictionary<string, TcpForwarder>(StringComparer.Ordinal);
                _listeners[key] = current;
            }
        }

        foreach (var stale in current.Where(l => !wanted.TryGetValue(l.Key, out var w) || !w.Listen.Equals(l.Value.LocalEndPoint)).ToList())
        {
            current.Remove(stale.Key);
            await stale.Value.DisposeAsync();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, (listen, port, _)) in wanted)
        {
            if (current.ContainsKey(name))
            {
                continue;
            }

            var portName = port["name"]?.GetValue<string>();
            try
            {
                current[name] = TcpForwarder.Start(listen, () => Endpoints(ns, key, portName), _logger);
                LogServing(_logger, key, listen);
            }
            catch (SocketException e)
            {
                errors[name] = $"cannot listen on {listen}: {e.Message}";
                LogCannotServe(_logger, key, listen, e.Message);
            }
        }

        if (service is null || current.Count == 0)
        {
            lock (_listeners)
            {
                _listeners.Remove(key);
            }
        }

        return errors;
    }

    /// <summary>The endpoints of the port, looked up afresh for each connection.</summary>
    private IReadOnlyList<IPEndPoint> Endpoints(string ns, string key, string? portName)
    {
        var service = _context.Store.Get(ResourceRef.Services, ns, key[(ns.Length + 1)..]);
        var port = (service?["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(p => p["name"]?.GetValue<string>() == portName);
        return service is null || port is null ? [] : ServiceEndpoints.For(service, port, _context.Store.List(ResourceRef.Pods, ns));
    }

    private async Task WriteLoadBalancerStatusAsync(JsonObject service, string ip, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var ports = new JsonArray();
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var number = JsonNumber.AsInt32(port["port"]) ?? 0;
            var entry = new JsonObject { ["port"] = number, ["protocol"] = port["protocol"]?.GetValue<string>() ?? "TCP" };
            if (errors.TryGetValue("lb:" + number, out var error))
            {
                var nodePort = JsonNumber.AsInt32(port["nodePort"]);
                entry["error"] = nodePort is null ? error : $"{error}; use node port {_node.HostIp}:{nodePort} instead";
            }

            ports.Add((JsonNode)entry);
        }

        var status = new JsonObject
        {
            ["loadBalancer"] = new JsonObject
            {
                ["ingress"] = new JsonArray(new JsonObject { ["ip"] = ip, ["ipMode"] = "VIP", ["ports"] = ports }),
            },
        };
        if (!JsonNode.DeepEquals(service["status"], status))
        {
            service["status"] = status;
            try
            {
                await _context.Store.UpdateStatusAsync(ResourceRef.Services, service, new WriteOptions(FieldManager: FieldManager), cancellationToken);
            }
            catch (ApiException e) when (e.Code is 409 or 404)
            {
                _queue.AddAfter(service.Key(), TimeSpan.FromMilliseconds(100));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service {Service} is served on {Address}")]
    private static partial void LogServing(ILogger logger, string service, IPEndPoint address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service {Service} cannot be served on {Address}: {Reason}")]
    private static partial void LogCannotServe(ILogger logger, string service, IPEndPoint address, string reason);
}
