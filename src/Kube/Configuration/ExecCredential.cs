namespace VisitCounter.Kube.Configuration;

/// <summary>client.authentication.k8s.io/v1 ExecCredential: what an exec credential plugin prints on stdout.</summary>
public sealed class ExecCredential
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ExecCredentialStatus? Status { get; set; }
}

/// <summary>The credentials inside an <see cref="ExecCredential"/>.</summary>
public sealed class ExecCredentialStatus
{
    public string? Token { get; set; }

    /// <summary>PEM client certificate (not base64).</summary>
    public string? ClientCertificateData { get; set; }

    /// <summary>PEM private key (not base64).</summary>
    public string? ClientKeyData { get; set; }

    /// <summary>When the credential stops being valid; absent means "until the server rejects it".</summary>
    public DateTimeOffset? ExpirationTimestamp { get; set; }
}
