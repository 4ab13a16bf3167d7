namespace VisitCounter.Kube.Configuration;

/// <summary>
/// The process environment the configuration loaders read: environment variables, the home directory
/// and the service-account mount. Tests pass their own so no real <c>/var/run/secrets</c> or
/// <c>~/.kube</c> is needed.
/// </summary>
public sealed record ConfigurationEnvironment(
    Func<string, string?> GetVariable,
    string HomeDirectory,
    string ServiceAccountDirectory)
{
    /// <summary>Where Kubernetes mounts a pod's service-account token, CA and namespace.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>
    /// Names another service-account directory, for a runtime that cannot mount the volume at
    /// <see cref="DefaultServiceAccountDirectory"/>: the local cluster's kubelet runs pods without a sandbox (no
    /// bubblewrap) as plain processes and passes the volume's host directory here. Unset in a real pod.
    /// </summary>
    public const string ServiceAccountDirectoryVariable = "KUBERNETES_SERVICE_ACCOUNT_DIR";

    /// <summary>The real process environment.</summary>
    public static ConfigurationEnvironment System { get; } = FromProcess(Environment.GetEnvironmentVariable);

    /// <summary>An environment read through <paramref name="getVariable"/>, with the home and service-account directories it implies.</summary>
    public static ConfigurationEnvironment FromProcess(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return new(
            getVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            getVariable(ServiceAccountDirectoryVariable) is { Length: > 0 } directory ? directory : DefaultServiceAccountDirectory);
    }

    /// <summary><c>~/.kube/config</c>.</summary>
    public string DefaultKubeconfigPath => Path.Combine(HomeDirectory, ".kube", "config");
}
