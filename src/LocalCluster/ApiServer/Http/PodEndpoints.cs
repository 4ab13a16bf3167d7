using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// The pod <c>log</c> subresource and the pod/service <c>proxy</c> subresources. The proxy forwards to the
/// pod's <c>status.podIP</c> (for a Service: a ready pod its selector matches, on the target port), the way
/// the real server's proxy reaches pods through the node.
/// </summary>
internal sealed class PodEndpoints(ResourceService service, IPodLogSource logs, HttpClient proxyClient)
{
    public async Task LogsAsync(HttpContext context, string ns, string name)
    {
        var pod = service.Get(service.Registry.Get(ResourceRef.Pods), ns, name);
        var query = context.Request.Query;
        var container = PodContainers.Resolve(pod, name, query["container"].ToString());
        var request = new PodLogRequest(ns, name, container,
            RequestOptions.Bool(query["follow"]) == true,
            RequestOptions.Long(query["tailLines"], "tailLines"),
            RequestOptions.Bool(query["previous"]) == true,
            RequestOptions.Bool(query["timestamps"]) == true);
        var stream = await logs.OpenAsync(request, context.RequestAborted)
            ?? throw ApiException.BadRequest($"container \"{container}\" in pod \"{name}\" is not running");
        await using (stream)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The client stopped following the log.
            }
        }
    }

    public async Task ProxyAsync(HttpContext context, ResourceRef resource, string ns, string nameWithPort, string rest)
    {
        var colon = nameWithPort.IndexOf(':', StringComparison.Ordinal);
        var name = colon >= 0 ? nameWithPort[..colon] : nameWithPort;
        var port = colon >= 0 ? nameWithPort[(colon + 1)..] : "";
        var (address, targetPort) = resource == ResourceRef.Services ? ServiceTarget(ns, name, port) : PodTarget(ns, name, port);
        var target = new UriBuilder("http", address, targetPort, "/" + rest) { Query = context.Request.QueryString.Value?.TrimStart('?') ?? "" }.Uri;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength is > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } contentType) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (context.Request.Headers.Accept.Count > 0) request.Headers.TryAddWithoutValidation("Accept", context.Request.Headers.Accept.ToString());
        HttpResponseMessage response;
        try
        {
            response = await proxyClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: {e.Message}");
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private (string Address, int Port) PodTarget(string ns, string name, string port)
    {
        var pod = service.Get(service.Registry.Get(ResourceRef.Pods), ns, name);
        var ip = pod["status"]?["podIP"]?.GetValue<string>();
        if (string.IsNullOrEmpty(ip))
        {
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: pod {name} has no IP address");
        }
        return (ip, ResolveContainerPort(pod, port) ?? 80);
    }

    private (string Address, int Port) ServiceTarget(string ns, string name, string port)
    {
        var serviceObject = service.Get(service.Registry.Get(ResourceRef.Services), ns, name);
        var ports = (serviceObject["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var servicePort = port.Length == 0
            ? ports.FirstOrDefault()
            : ports.FirstOrDefault(p => p["name"]?.GetValue<string>() == port || p["port"]?.ToString() == port);
        if (servicePort is null) throw ApiException.NotFound(ResourceRef.Services, $"{name}:{port}");
        var selector = serviceObject["spec"]?["selector"] as JsonObject;
        if (selector is null || selector.Count == 0)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
        }
        var labels = LabelSelectors.Parse(string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}")));
        var pods = service.List(service.Registry.Get(ResourceRef.Pods), ns, labels, FieldSelector.Everything, null, null).Items;
        var ready = pods.FirstOrDefault(p => IsReady(p) && !string.IsNullOrEmpty(p["status"]?["podIP"]?.GetValue<string>()))
            ?? throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
        var targetPort = servicePort["targetPort"] ?? servicePort["port"];
        var resolved = Patching.JsonNodes.AsInteger(targetPort) is { } number ? (int)number : ResolveContainerPort(ready, targetPort?.ToString() ?? "");
        return (ready["status"]!["podIP"]!.GetValue<string>(), resolved ?? 80);
    }

    /// <summary>Whether the pod's Ready condition is True.</summary>
    internal static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");

    private static int? ResolveContainerPort(JsonObject pod, string port)
    {
        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        var containerPorts = (pod["spec"]?["containers"] as JsonArray ?? []).SelectMany(c => c?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var match = port.Length == 0 ? containerPorts.FirstOrDefault() : containerPorts.FirstOrDefault(p => p["name"]?.GetValue<string>() == port);
        return Patching.JsonNodes.AsInteger(match?["containerPort"]) is { } containerPort ? (int)containerPort : null;
    }
}
