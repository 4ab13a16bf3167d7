using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>One file of a projected (or configMap, secret) volume: its path inside the volume and its content.</summary>
internal sealed record VolumeFile(string Path, byte[] Content);

/// <summary>A service account token the kubelet asks for (TokenRequest's spec): audiences empty means the API server.</summary>
internal sealed record PodTokenRequest(string Namespace, string ServiceAccount, string Pod, IReadOnlyList<string> Audiences, TimeSpan Lifetime);

/// <summary>What a pod's projected volumes are made from: objects of the store, tokens, and the pod's addresses.</summary>
/// <param name="Store">ConfigMaps and Secrets are read from here.</param>
/// <param name="IssueToken">Mints a pod-bound token; throws <see cref="ApiException"/> 404 for a missing service account.</param>
/// <param name="PodIp">For downwardAPI's status.podIP.</param>
/// <param name="HostIp">For downwardAPI's status.hostIP.</param>
internal sealed record VolumeSources(IObjectStore Store, Func<PodTokenRequest, string> IssueToken, string PodIp, string HostIp);

/// <summary>
/// The files of a projected volume, source by source, as the kubelet's projected volume plugin writes them:
/// <c>serviceAccountToken</c> (a token bound to the pod), <c>configMap</c> and <c>secret</c> (all keys or the listed
/// items; a missing object keeps the pod in ContainerCreating unless <c>optional</c>), and <c>downwardAPI</c> (fieldRef).
/// Plain <c>configMap</c> and <c>secret</c> volumes are the same with one source.
/// </summary>
internal static class ProjectedVolume
{
    /// <summary>The volume's projected sources, or null when it is no projected, configMap or secret volume.</summary>
    public static JsonArray? Sources(JsonObject volume)
    {
        if (volume["projected"]?["sources"] is JsonArray sources)
        {
            return sources;
        }

        if (volume["configMap"] is JsonObject configMap)
        {
            return [new JsonObject { ["configMap"] = configMap.DeepClone() }];
        }

        if (volume["secret"] is JsonObject secret)
        {
            var source = (JsonObject)secret.DeepClone();
            source["name"] = source["secretName"]?.DeepClone();
            return [new JsonObject { ["secret"] = source }];
        }

        return null;
    }

    public static (IReadOnlyList<VolumeFile>? Files, WaitingState? Waiting) Render(JsonObject pod, JsonArray sources, VolumeSources from)
    {
        var files = new List<VolumeFile>();
        foreach (var source in sources.OfType<JsonObject>())
        {
            var waiting = source switch
            {
                _ when source["serviceAccountToken"] is JsonObject token => Token(pod, token, from, files),
                _ when source["configMap"] is JsonObject configMap => Keys(pod, ResourceRef.ConfigMaps, configMap, from, files),
                _ when source["secret"] is JsonObject secret => Keys(pod, ResourceRef.Secrets, secret, from, files),
                _ when source["downwardAPI"] is JsonObject downward => Downward(pod, downward, from, files),
                _ => new WaitingState("CreateContainerConfigError",
                    $"projected volume source {source.Select(p => p.Key).FirstOrDefault() ?? "(empty)"} is not available in the local cluster"),
            };
            if (waiting is not null)
            {
                return (null, waiting);
            }
        }

        return (files, null);
    }

    private static WaitingState? Token(JsonObject pod, JsonObject token, VolumeSources from, List<VolumeFile> files)
    {
        var audience = token["audience"]?.GetValue<string>();
        var seconds = JsonNumber.AsInt64(token["expirationSeconds"]) ?? 3600;
        var account = pod["spec"]?["serviceAccountName"]?.GetValue<string>() is { Length: > 0 } name ? name : "default";
        try
        {
            var jwt = from.IssueToken(new PodTokenRequest(pod.Namespace(), account, pod.Name(),
                string.IsNullOrEmpty(audience) ? [] : [audience], TimeSpan.FromSeconds(seconds)));
            files.Add(new VolumeFile(token["path"]?.GetValue<string>() ?? "token", Encoding.ASCII.GetBytes(jwt)));
            return null;
        }
        catch (ApiException e)
        {
            return new WaitingState("ContainerCreating", $"MountVolume.SetUp failed: failed to fetch token: {e.Message}");
        }
    }

    private static WaitingState? Keys(JsonObject pod, ResourceRef resource, JsonObject source, VolumeSources from, List<VolumeFile> files)
    {
        var name = source["name"]?.GetValue<string>() ?? "";
        var kind = resource == ResourceRef.Secrets ? "secret" : "configmap";
        var obj = from.Store.Get(resource, pod.Namespace(), name);
        if (obj is null)
        {
            return source["optional"]?.GetValue<bool>() == true
                ? null
                : new WaitingState("ContainerCreating", $"MountVolume.SetUp failed: {kind} \"{name}\" not found");
        }

        var values = Values(resource, obj);
        if (source["items"] is not JsonArray items)
        {
            files.AddRange(values.Select(kv => new VolumeFile(kv.Key, kv.Value)));
            return null;
        }

        foreach (var item in items.OfType<JsonObject>())
        {
            var key = item["key"]?.GetValue<string>() ?? "";
            if (!values.TryGetValue(key, out var content))
            {
                if (source["optional"]?.GetValue<bool>() == true)
                {
                    continue;
                }

                return new WaitingState("ContainerCreating", $"MountVolume.SetUp failed: {kind} \"{name}\" has no key \"{key}\"");
            }

            files.Add(new VolumeFile(item["path"]?.GetValue<string>() ?? key, content));
        }

        return null;
    }

    private static Dictionary<string, byte[]> Values(ResourceRef resource, JsonObject obj)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            var text = value?.GetValue<string>() ?? "";
            values[key] = resource == ResourceRef.Secrets ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
        }

        foreach (var (key, value) in resource == ResourceRef.ConfigMaps ? obj["binaryData"] as JsonObject ?? [] : [])
        {
            values[key] = Convert.FromBase64String(value?.GetValue<string>() ?? "");
        }

        return values;
    }

    private static WaitingState? Downward(JsonObject pod, JsonObject downward, VolumeSources from, List<VolumeFile> files)
    {
        foreach (var item in (downward["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var path = item["path"]?.GetValue<string>() ?? "";
            var fieldPath = item["fieldRef"]?["fieldPath"]?.GetValue<string>();
            var value = fieldPath is null ? null : DownwardApi.Resolve(pod, fieldPath, from.PodIp, from.HostIp);
            if (value is null)
            {
                return new WaitingState("CreateContainerConfigError",
                    $"downwardAPI volume item \"{path}\": only fieldRef paths are available in the local cluster (got {fieldPath ?? "resourceFieldRef"})");
            }

            files.Add(new VolumeFile(path, Encoding.UTF8.GetBytes(value)));
        }

        return null;
    }
}
