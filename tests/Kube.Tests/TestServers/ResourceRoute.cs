namespace VisitCounter.Kube.Tests.TestServers;

/// <summary>A parsed REST path: <c>/api/v1/namespaces/ns/pods/name/status</c> and friends.</summary>
public sealed record ResourceRoute(string GroupVersion, string Plural, string? Namespace, string? Name, string? Subresource)
{
    public ObjectKey Key => new(GroupVersion, Plural, Namespace, Name ?? string.Empty);

    public static bool TryParse(string path, out ResourceRoute route)
    {
        route = null!;
        var parts = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        int index;
        string groupVersion;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            groupVersion = parts[1];
            index = 2;
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            groupVersion = $"{parts[1]}/{parts[2]}";
            index = 3;
        }
        else
        {
            return false;
        }

        string? ns = null;
        if (parts.Length > index + 2 && parts[index] == "namespaces")
        {
            ns = parts[index + 1];
            index += 2;
        }

        var rest = parts[index..];
        if (rest.Length is 0 or > 3)
        {
            return false;
        }

        route = new ResourceRoute(groupVersion, rest[0], ns, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null);
        return true;
    }
}
