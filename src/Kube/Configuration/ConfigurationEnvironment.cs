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

    /// <summary>The real process environment.</summary>
    public static ConfigurationEnvironment System { get; } = new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        DefaultServiceAccountDirectory);

    /// <summary><c>~/.kube/config</c>.</summary>
    public string DefaultKubeconfigPath => Path.Combine(HomeDirectory, ".kube", "config");
}
