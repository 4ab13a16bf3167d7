using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Children;

/// <summary>The controller owner reference every child carries, so the garbage collector removes it with its app.</summary>
public static class Ownership
{
    /// <summary>The owner reference pointing at <paramref name="app"/>.</summary>
    public static V1OwnerReference ControllerReferenceTo(VisitCounterApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new V1OwnerReference
        {
            ApiVersion = VisitCounterApp.KubeGroupVersion,
            Kind = VisitCounterApp.KubeKind,
            Name = app.Metadata.Name ?? throw new ArgumentException("The VisitCounterApp has no metadata.name.", nameof(app)),
            Uid = app.Metadata.Uid ?? string.Empty,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    /// <summary>Whether <paramref name="child"/> is controlled by the app with <paramref name="ownerUid"/>.</summary>
    public static bool IsControlledBy(V1ObjectMeta child, string? ownerUid)
    {
        ArgumentNullException.ThrowIfNull(child);
        return ownerUid is not null
            && child.OwnerReferences?.Any(r => r.Controller == true && string.Equals(r.Uid, ownerUid, StringComparison.Ordinal)) == true;
    }

    /// <summary>The controller reference of <paramref name="child"/>, if any.</summary>
    public static V1OwnerReference? ControllerOf(V1ObjectMeta child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return child.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
    }
}
