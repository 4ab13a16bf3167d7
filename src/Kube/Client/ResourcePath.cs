using System.Text;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>Builds REST paths and query strings (pure, so the URL rules are unit-tested without HTTP).</summary>
public static class ResourcePath
{
    /// <summary>
    /// <c>/api/v1/namespaces/{ns}/pods</c>, <c>/apis/apps/v1/statefulsets</c> (all namespaces), with
    /// <c>/{name}</c> and <c>/{subresource}</c> appended when given. Cluster-scoped kinds ignore the namespace.
    /// </summary>
    public static string For(EntityMetadata entity, string? @namespace, string? name = null, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var builder = new StringBuilder(entity.GroupVersionPath);
        if (entity.Namespaced && !string.IsNullOrEmpty(@namespace))
        {
            builder.Append("/namespaces/").Append(Uri.EscapeDataString(@namespace));
        }

        builder.Append('/').Append(entity.Plural);
        if (!string.IsNullOrEmpty(name))
        {
            builder.Append('/').Append(Uri.EscapeDataString(name));
            if (!string.IsNullOrEmpty(subresource))
            {
                builder.Append('/').Append(subresource);
            }
        }
        else if (!string.IsNullOrEmpty(subresource))
        {
            throw new ArgumentException("A subresource needs an object name.", nameof(subresource));
        }

        return builder.ToString();
    }

    /// <summary>Appends <c>?a=1&amp;b=2</c> for the parameters that have a value, escaping each.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder(path);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }
}
