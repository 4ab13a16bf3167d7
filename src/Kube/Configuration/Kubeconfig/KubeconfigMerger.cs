namespace VisitCounter.Kube.Configuration;

/// <summary>
/// Merges the files of <c>$KUBECONFIG</c> by kubectl's rules: for every named cluster, user and context
/// and for current-context, the first file that sets it wins; later files only add new names.
/// </summary>
public static class KubeconfigMerger
{
    /// <summary>Merges in precedence order (first wins).</summary>
    public static Kubeconfig Merge(IEnumerable<Kubeconfig> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var clusters = new Dictionary<string, KubeconfigCluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, KubeconfigUser>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, KubeconfigContext>(StringComparer.Ordinal);
        string? currentContext = null;
        foreach (var file in files)
        {
            AddMissing(clusters, file.Clusters);
            AddMissing(users, file.Users);
            AddMissing(contexts, file.Contexts);
            currentContext ??= file.CurrentContext;
        }

        return new Kubeconfig(clusters, users, contexts, currentContext);
    }

    private static void AddMissing<T>(Dictionary<string, T> target, IReadOnlyDictionary<string, T> source)
    {
        foreach (var (name, value) in source)
        {
            target.TryAdd(name, value);
        }
    }
}
