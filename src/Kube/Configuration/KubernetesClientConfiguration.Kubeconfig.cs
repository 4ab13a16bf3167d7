using VisitCounter.Kube.Configuration;

namespace VisitCounter.Kube.Client;

public sealed partial class KubernetesClientConfiguration
{
    /// <summary>
    /// Loads a kubeconfig the way kubectl does: <paramref name="kubeconfigPath"/> if given, else every file in
    /// <c>$KUBECONFIG</c> merged (first file to set a value wins; missing files are skipped), else
    /// <c>~/.kube/config</c>; then selects <paramref name="currentContext"/> or the file's current-context.
    /// </summary>
    /// <exception cref="KubeconfigException">No file, no context, or a broken entry; the message says what to fix.</exception>
    public static KubernetesClientConfiguration BuildConfigFromConfigFile(
        string? kubeconfigPath = null, string? currentContext = null, ConfigurationEnvironment? environment = null)
    {
        environment ??= ConfigurationEnvironment.System;
        var files = KubeconfigFiles(kubeconfigPath, environment);
        var merged = KubeconfigMerger.Merge(files.Select(path => KubeconfigParser.Parse(ReadKubeconfig(path), path)));
        return FromKubeconfig(merged, currentContext, string.Join(Path.PathSeparator, files));
    }

    /// <summary>Builds a configuration from an already parsed (and merged) kubeconfig.</summary>
    /// <exception cref="KubeconfigException">The context, its cluster or its user is missing or unusable.</exception>
    public static KubernetesClientConfiguration FromKubeconfig(Kubeconfig kubeconfig, string? contextName = null, string source = "kubeconfig")
    {
        ArgumentNullException.ThrowIfNull(kubeconfig);
        contextName ??= kubeconfig.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeconfigException(
                $"{source}: no current-context is set; pass a context explicitly or run 'kubectl config use-context NAME'.");
        }

        if (!kubeconfig.Contexts.TryGetValue(contextName, out var context))
        {
            throw new KubeconfigException(
                $"{source}: context '{contextName}' not found; known contexts: {Known(kubeconfig.Contexts.Keys)}.");
        }

        if (!kubeconfig.Clusters.TryGetValue(context.Cluster, out var cluster))
        {
            throw new KubeconfigException(
                $"{source}: context '{contextName}' refers to cluster '{context.Cluster}', which is not defined; known clusters: {Known(kubeconfig.Clusters.Keys)}.");
        }

        if (string.IsNullOrEmpty(cluster.Server))
        {
            throw new KubeconfigException($"{source}: cluster '{context.Cluster}' has no server URL; set clusters[].cluster.server.");
        }

        var user = new KubeconfigUser();
        if (context.User.Length > 0 && !kubeconfig.Users.TryGetValue(context.User, out user))
        {
            throw new KubeconfigException(
                $"{source}: context '{contextName}' refers to user '{context.User}', which is not defined; known users: {Known(kubeconfig.Users.Keys)}.");
        }

        var configuration = new KubernetesClientConfiguration
        {
            Host = cluster.Server.TrimEnd('/'),
            CurrentContext = contextName,
            Namespace = string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace,
            SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            AccessToken = user!.Token,
            TokenFile = user.Token is null ? user.TokenFile : null,
            ExecProvider = user.Exec,
            Username = user.Username,
            Password = user.Password,
        };

        var caPem = cluster.CertificateAuthorityData ?? ReadReferencedFile(cluster.CertificateAuthority, "certificate-authority", source);
        if (caPem is not null)
        {
            configuration.SslCaCerts = ClientCertificates.CaBundleFromPem(caPem, $"cluster '{context.Cluster}'");
        }

        configuration.ClientCertificatePem = user.ClientCertificateData ?? ReadReferencedFile(user.ClientCertificate, "client-certificate", source);
        configuration.ClientKeyPem = user.ClientKeyData ?? ReadReferencedFile(user.ClientKey, "client-key", source);
        if ((configuration.ClientCertificatePem is null) != (configuration.ClientKeyPem is null))
        {
            throw new KubeconfigException(
                $"{source}: user '{context.User}' has a client certificate without a key (or the reverse); set both client-certificate(-data) and client-key(-data).");
        }

        return configuration;
    }

    private static List<string> KubeconfigFiles(string? explicitPath, ConfigurationEnvironment environment)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? [Path.GetFullPath(explicitPath)]
                : throw new KubeconfigException($"The kubeconfig file {explicitPath} does not exist; check --kubeconfig.");
        }

        var variable = environment.GetVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(variable))
        {
            var existing = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal)
                .Where(File.Exists)
                .Select(Path.GetFullPath)
                .ToList();
            return existing.Count > 0
                ? existing
                : throw new KubeconfigException($"None of the files in KUBECONFIG ({variable}) exists.");
        }

        var home = environment.DefaultKubeconfigPath;
        return File.Exists(home)
            ? [home]
            : throw new KubeconfigException($"No kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create {home}.");
    }

    private static string ReadKubeconfig(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"Cannot read kubeconfig {path}: {e.Message}", e);
        }
    }

    private static string? ReadReferencedFile(string? path, string field, string source)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{source}: cannot read {field} file {path}: {e.Message}", e);
        }
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = string.Join(", ", names.Order(StringComparer.Ordinal));
        return list.Length == 0 ? "(none)" : list;
    }
}
