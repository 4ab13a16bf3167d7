using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>
/// Maps an owned object to the key of its controlling owner, as controller-runtime's
/// <c>handler.EnqueueRequestForOwner(..., OnlyControllerOwner())</c> does.
/// </summary>
public static class OwnerReferences
{
    /// <summary>
    /// The key of the owner of <paramref name="child"/> whose ownerReference has <c>controller: true</c> and the
    /// given kind and API group, or null. The version is ignored: an owner served in several versions is one object.
    /// Owners live in the child's namespace (cross-namespace owner references are invalid in Kubernetes).
    /// </summary>
    public static ObjectKey? ControllerOwnerKey(V1ObjectMeta child, EntityMetadata owner)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(owner);
        foreach (var reference in child.OwnerReferences ?? [])
        {
            if (reference.Controller == true
                && string.Equals(reference.Kind, owner.Kind, StringComparison.Ordinal)
                && string.Equals(GroupOf(reference.ApiVersion), owner.Group, StringComparison.Ordinal)
                && !string.IsNullOrEmpty(reference.Name))
            {
                return new ObjectKey(owner.Namespaced ? child.Namespace : null, reference.Name);
            }
        }

        return null;
    }

    /// <summary>The group part of <c>group/version</c>; empty for the core group's <c>v1</c>.</summary>
    public static string GroupOf(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return string.Empty;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
