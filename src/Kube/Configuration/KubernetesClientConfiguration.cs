using System.Security.Cryptography.X509Certificates;
using VisitCounter.Kube.Client.Retries;
using VisitCounter.Kube.Configuration;

namespace VisitCounter.Kube.Client;

/// <summary>
/// Where the API server is and how to authenticate to it. Built from a kubeconfig
/// (<see cref="BuildConfigFromConfigFile"/>), from the pod's service account (<see cref="InClusterConfig"/>),
/// or by hand (tests, the local cluster).
/// </summary>
public sealed partial class KubernetesClientConfiguration
{
    /// <summary>Base URL of the API server, e.g. <c>https://127.0.0.1:6443</c>.</summary>
    public required string Host { get; set; }

    /// <summary>Default namespace of the selected context (or the pod's namespace in-cluster).</summary>
    public string? Namespace { get; set; }

    /// <summary>The kubeconfig context this configuration came from.</summary>
    public string? CurrentContext { get; set; }

    /// <summary>CA certificates that must sign the server's certificate; null means the system trust store.</summary>
    public X509Certificate2Collection? SslCaCerts { get; set; }

    /// <summary>Do not verify the server certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool SkipTlsVerify { get; set; }

    /// <summary>Server name to verify instead of the host (kubeconfig <c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; set; }

    /// <summary>PEM client certificate (text, not base64).</summary>
    public string? ClientCertificatePem { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificatePem"/>.</summary>
    public string? ClientKeyPem { get; set; }

    /// <summary>Static bearer token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>File holding a bearer token that may rotate (re-read at most once a minute).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Credential plugin to run for a token or client certificate.</summary>
    public ExecCredentialConfig? ExecProvider { get; set; }

    /// <summary>Basic-auth user name (rarely used; kept for completeness).</summary>
    public string? Username { get; set; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; set; }

    /// <summary>Timeout of one attempt of a non-watch request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Requests per second after the burst (client-side rate limit; controller-runtime's default 20). A negative value
    /// switches the limit off, as in controller-runtime; zero is rejected.
    /// </summary>
    public double Qps { get; set; } = DefaultQps;

    /// <summary>Requests that may go out at once before <see cref="Qps"/> applies (controller-runtime's default 30).</summary>
    public int Burst { get; set; } = DefaultBurst;

    /// <summary>
    /// The <c>fieldManager</c> sent with every create, update and patch, so <c>managedFields</c> name this client
    /// instead of the server's guess from the User-Agent; an apply patch that names its own manager keeps it.
    /// </summary>
    public string? FieldManager { get; set; }

    /// <summary>Which failures the client retries by itself, and how long it waits.</summary>
    public ClientRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// A copy with its own rate limit, for a second client that must not share this one's token bucket (the event
    /// recorder's, as controller-runtime gives its recorder a client of its own). Server, TLS and credentials are the same.
    /// </summary>
    public KubernetesClientConfiguration WithRateLimit(double qps, int burst)
    {
        var copy = (KubernetesClientConfiguration)MemberwiseClone();
        copy.Qps = qps;
        copy.Burst = burst;
        return copy;
    }

    /// <summary>controller-runtime's default client QPS.</summary>
    public const double DefaultQps = 20;

    /// <summary>controller-runtime's default client burst.</summary>
    public const int DefaultBurst = 30;
}
