using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.AdmissionControl;

/// <summary>
/// kube-apiserver's ServiceAccount admission plugin for a created pod: <c>spec.serviceAccountName</c> defaults to
/// <c>default</c>, and unless <c>automountServiceAccountToken</c> is false (on the pod, else on its service account)
/// the pod gets the <c>kube-api-access-xxxxx</c> projected volume (a bound token, the cluster CA from the
/// <c>kube-root-ca.crt</c> ConfigMap, the namespace) mounted read-only at
/// <c>/var/run/secrets/kubernetes.io/serviceaccount</c> in every container that has nothing mounted there yet.
/// <para>
/// Unlike the real plugin, a pod whose service account does not exist (yet) is admitted: the kubelet stand-in then
/// waits in ContainerCreating until it can issue the token, as a real kubelet waits on a failed mount.
/// </para>
/// </summary>
/// <param name="serviceAccount">Reads a service account by namespace and name; null when there is none.</param>
public sealed class ServiceAccountAdmission(Func<string, string, JsonObject?> serviceAccount) : IMutatingAdmission
{
    /// <summary>Where the volume is mounted (client-go's in-cluster configuration reads it there).</summary>
    public const string MountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The prefix of the projected volume's generated name.</summary>
    public const string VolumePrefix = "kube-api-access-";

    /// <summary>The ConfigMap the root CA publisher keeps in every namespace.</summary>
    public const string RootCaConfigMap = "kube-root-ca.crt";

    /// <summary>The token lifetime the plugin asks for: one hour and seven seconds, as kube-apiserver does (the
    /// odd seconds let the server tell a kubelet's default request from a deliberate one).</summary>
    public const long TokenExpirationSeconds = 3607;

    /// <summary>The characters of generated name suffixes (apimachinery's utilrand alphabet, no vowels or look-alikes).</summary>
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <inheritdoc />
    public void Admit(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource != ResourceRef.Pods || request.Operation != AdmissionOperation.Create || request.Subresource is not null)
        {
            return;
        }

        if (request.Object["spec"] is not JsonObject spec)
        {
            return;
        }

        var accountName = spec["serviceAccountName"] is JsonValue named && named.TryGetValue<string>(out var text) && text.Length > 0 ? text : "default";
        spec["serviceAccountName"] = accountName;
        var ns = request.Object["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
        if (!ShouldMount(spec, serviceAccount(ns, accountName)))
        {
            return;
        }

        var containers = (spec["containers"] as JsonArray ?? []).Concat(spec["initContainers"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => !(c["volumeMounts"] as JsonArray ?? []).Any(m => m?["mountPath"]?.GetValue<string>()?.TrimEnd('/') == MountPath))
            .ToList();
        if (containers.Count == 0)
        {
            return;
        }

        var volumes = spec["volumes"] as JsonArray ?? [];
        spec["volumes"] = volumes;
        var name = UniqueVolumeName(volumes);
        volumes.Add((JsonNode)ProjectedVolume(name));
        foreach (var container in containers)
        {
            var mounts = container["volumeMounts"] as JsonArray ?? [];
            container["volumeMounts"] = mounts;
            mounts.Add((JsonNode)new JsonObject { ["name"] = name, ["readOnly"] = true, ["mountPath"] = MountPath });
        }
    }

    /// <summary>The pod's own setting wins; else the service account's; else the token is mounted.</summary>
    internal static bool ShouldMount(JsonObject podSpec, JsonObject? account) =>
        Flag(podSpec["automountServiceAccountToken"]) ?? Flag(account?["automountServiceAccountToken"]) ?? true;

    /// <summary>The volume the real plugin adds, source for source.</summary>
    internal static JsonObject ProjectedVolume(string name) => new()
    {
        ["name"] = name,
        ["projected"] = new JsonObject
        {
            ["defaultMode"] = 420,
            ["sources"] = new JsonArray(
                new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = TokenExpirationSeconds, ["path"] = "token" } },
                new JsonObject
                {
                    ["configMap"] = new JsonObject
                    {
                        ["name"] = RootCaConfigMap,
                        ["items"] = new JsonArray(new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" }),
                    },
                },
                new JsonObject
                {
                    ["downwardAPI"] = new JsonObject
                    {
                        ["items"] = new JsonArray(new JsonObject
                        {
                            ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" },
                            ["path"] = "namespace",
                        }),
                    },
                }),
        },
    };

    private static string UniqueVolumeName(JsonArray volumes)
    {
        var taken = volumes.Select(v => v?["name"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var name = VolumePrefix + RandomNumberGenerator.GetString(SuffixAlphabet, 5);
            if (!taken.Contains(name))
            {
                return name;
            }
        }
    }

    private static bool? Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
