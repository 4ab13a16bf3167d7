using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.Workloads.Namespaces;

/// <summary>The objects every namespace of a cluster has, which pods' service account volumes rely on.</summary>
internal static class NamespaceDefaults
{
    /// <summary>The <c>default</c> ServiceAccount that pods without <c>serviceAccountName</c> run as.</summary>
    public static NamespaceObject DefaultServiceAccount { get; } = new(
        "service-account-controller",
        ResourceRef.ServiceAccounts,
        "default",
        ns => new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
        },
        // Whatever a user set on it (automountServiceAccountToken, imagePullSecrets) is theirs.
        _ => true);

    /// <summary>The <c>kube-root-ca.crt</c> ConfigMap holding the API server's CA, the <c>ca.crt</c> of pods' projected volumes.</summary>
    public static NamespaceObject RootCaConfigMap(string caCertificatePem) => new(
        "root-ca-cert-publisher",
        ResourceRef.ConfigMaps,
        ServiceAccountAdmission.RootCaConfigMap,
        ns => new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = ServiceAccountAdmission.RootCaConfigMap,
                ["namespace"] = ns,
                ["annotations"] = new JsonObject { ["kubernetes.io/description"] = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." },
            },
            ["data"] = new JsonObject { ["ca.crt"] = caCertificatePem },
        },
        existing => existing["data"]?["ca.crt"]?.GetValue<string>() == caCertificatePem);
}
