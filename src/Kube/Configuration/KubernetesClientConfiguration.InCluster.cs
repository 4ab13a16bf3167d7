using System.Net;
using VisitCounter.Kube.Configuration;

namespace VisitCounter.Kube.Client;

public sealed partial class KubernetesClientConfiguration
{
    private const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";
    private const string ServicePortVariable = "KUBERNETES_SERVICE_PORT";
    private const string TokenFileName = "token";
    private const string CaFileName = "ca.crt";
    private const string NamespaceFileName = "namespace";

    /// <summary>Whether we run in a pod: the API server's service env vars are set and a service-account token is mounted.</summary>
    public static bool IsInCluster(ConfigurationEnvironment? environment = null)
    {
        environment ??= ConfigurationEnvironment.System;
        return !string.IsNullOrEmpty(environment.GetVariable(ServiceHostVariable))
               && !string.IsNullOrEmpty(environment.GetVariable(ServicePortVariable))
               && File.Exists(Path.Combine(environment.ServiceAccountDirectory, TokenFileName));
    }

    /// <summary>
    /// The configuration of a pod's service account. The token is a <see cref="TokenFile"/>, so a rotated
    /// token is picked up without a restart.
    /// </summary>
    /// <exception cref="KubeconfigException">Not in a pod, or the service-account files are missing.</exception>
    public static KubernetesClientConfiguration InClusterConfig(ConfigurationEnvironment? environment = null)
    {
        environment ??= ConfigurationEnvironment.System;
        var host = environment.GetVariable(ServiceHostVariable);
        var port = environment.GetVariable(ServicePortVariable);
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException(
                $"Not running in a Kubernetes pod: {ServiceHostVariable} and {ServicePortVariable} are not set. " +
                "Outside a cluster, use a kubeconfig (--kubeconfig or KUBECONFIG).");
        }

        var directory = environment.ServiceAccountDirectory;
        var tokenPath = Path.Combine(directory, TokenFileName);
        if (!File.Exists(tokenPath))
        {
            throw new KubeconfigException(
                $"The service-account token {tokenPath} is missing; check that automountServiceAccountToken is not false for this pod.");
        }

        var caPath = Path.Combine(directory, CaFileName);
        if (!File.Exists(caPath))
        {
            throw new KubeconfigException($"The service-account CA certificate {caPath} is missing.");
        }

        // IPv6 cluster IPs need brackets in a URL.
        var hostPart = IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]"
            : host;
        var namespacePath = Path.Combine(directory, NamespaceFileName);
        return new KubernetesClientConfiguration
        {
            Host = $"https://{hostPart}:{port}",
            SslCaCerts = ClientCertificates.CaBundleFromPem(File.ReadAllText(caPath), caPath),
            TokenFile = tokenPath,
            Namespace = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : "default",
        };
    }

    /// <summary>
    /// kubeconfig when one is configured (<c>$KUBECONFIG</c> or <c>~/.kube/config</c>), else the in-cluster
    /// service account, else an error that lists both options.
    /// </summary>
    /// <exception cref="KubeconfigException">Neither is available.</exception>
    public static KubernetesClientConfiguration BuildDefaultConfig(ConfigurationEnvironment? environment = null)
    {
        environment ??= ConfigurationEnvironment.System;
        if (!string.IsNullOrEmpty(environment.GetVariable("KUBECONFIG")) || File.Exists(environment.DefaultKubeconfigPath))
        {
            return BuildConfigFromConfigFile(environment: environment);
        }

        if (IsInCluster(environment))
        {
            return InClusterConfig(environment);
        }

        throw new KubeconfigException(
            $"No Kubernetes configuration found: set KUBECONFIG, create {environment.DefaultKubeconfigPath}, or run inside a pod with a service account.");
    }
}
