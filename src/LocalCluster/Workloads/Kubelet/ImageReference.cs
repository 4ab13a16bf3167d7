namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Splits a container image reference into its repository and tag/digest, normalising Docker Hub's implicit
/// prefixes so that <c>docker.io/visitcounter/counter-app:0.1.0</c> and <c>visitcounter/counter-app</c> name the
/// same repository.
/// </summary>
internal static class ImageReference
{
    public static string Repository(string image)
    {
        var name = image.Trim();
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > lastSlash)
        {
            name = name[..colon];
        }

        foreach (var prefix in new[] { "docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        return name;
    }
}

/// <summary>Maps an image to the local program that plays it, or explains why it cannot run here.</summary>
internal sealed class LocalImageResolver(IReadOnlyDictionary<string, LocalImage> images)
{
    public LocalImage? Resolve(string image) =>
        images.TryGetValue(ImageReference.Repository(image), out var local)
            ? local
            : images.FirstOrDefault(p => ImageReference.Repository(p.Key) == ImageReference.Repository(image)).Value;

    public string UnsupportedMessage(string image) =>
        $"Failed to pull image \"{image}\": the local cluster runs no container engine; only the bundled images " +
        $"({string.Join(", ", images.Keys.Order(StringComparer.Ordinal))}) run locally, as processes";
}
