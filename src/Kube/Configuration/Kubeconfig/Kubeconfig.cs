namespace VisitCounter.Kube.Configuration;

/// <summary>
/// A parsed kubeconfig (one file, or several merged): named clusters, users and contexts plus the
/// current context. Relative paths are already resolved against the file that declared them.
/// </summary>
public sealed record Kubeconfig(
    IReadOnlyDictionary<string, KubeconfigCluster> Clusters,
    IReadOnlyDictionary<string, KubeconfigUser> Users,
    IReadOnlyDictionary<string, KubeconfigContext> Contexts,
    string? CurrentContext);

/// <summary>A <c>clusters[].cluster</c> entry.</summary>
public sealed record KubeconfigCluster
{
    /// <summary>API server URL.</summary>
    public string? Server { get; init; }

    /// <summary>Absolute path of a PEM CA bundle.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>PEM CA bundle (already base64-decoded).</summary>
    public string? CertificateAuthorityData { get; init; }

    /// <summary><c>insecure-skip-tls-verify</c>.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary><c>tls-server-name</c>.</summary>
    public string? TlsServerName { get; init; }
}

/// <summary>A <c>users[].user</c> entry (AuthInfo).</summary>
public sealed record KubeconfigUser
{
    /// <summary>Absolute path of a PEM client certificate.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>PEM client certificate (already base64-decoded).</summary>
    public string? ClientCertificateData { get; init; }

    /// <summary>Absolute path of a PEM private key.</summary>
    public string? ClientKey { get; init; }

    /// <summary>PEM private key (already base64-decoded).</summary>
    public string? ClientKeyData { get; init; }

    /// <summary>Static bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>Absolute path of a file holding the bearer token.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Basic-auth user name.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>Exec credential plugin.</summary>
    public ExecCredentialConfig? Exec { get; init; }
}

/// <summary>A <c>contexts[].context</c> entry.</summary>
public sealed record KubeconfigContext(string Cluster, string User, string? Namespace);
