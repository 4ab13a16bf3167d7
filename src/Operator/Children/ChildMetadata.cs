using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Children;

/// <summary>The metadata every child of a VisitCounterApp starts with: name, namespace, labels and owner.</summary>
internal static class ChildMetadata
{
    public static V1ObjectMeta For(VisitCounterApp app, string name) => new()
    {
        Name = name,
        Namespace = app.Metadata.Namespace,
        Labels = AppLabels.ForChild(app.Metadata.Name!),
        OwnerReferences = [Ownership.ControllerReferenceTo(app)],
    };
}
