using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// The informer caches the controller reads instead of the API server: the children, the pods and the claims of every
/// app, label-selected to what the operator manages (see <c>OperatorHost</c>) and without managedFields.
/// </summary>
/// <param name="StatefulSets">StatefulSets the operator manages.</param>
/// <param name="Services">Services the operator manages.</param>
/// <param name="Pods">Pods of the apps (they carry the pod template's labels).</param>
/// <param name="Claims">PersistentVolumeClaims of the apps (they carry the claim template's labels).</param>
/// <param name="DisruptionBudgets">PodDisruptionBudgets the operator manages (<c>spec.disruptionBudget</c>).</param>
public sealed record ChildCaches(
    IEntityCache<V1StatefulSet> StatefulSets,
    IEntityCache<V1Service> Services,
    IEntityCache<V1Pod> Pods,
    IEntityCache<V1PersistentVolumeClaim> Claims,
    IEntityCache<V1PodDisruptionBudget> DisruptionBudgets);
