using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>What a server-side apply stored, and whether the apply created the object.</summary>
/// <typeparam name="TEntity">The kind applied.</typeparam>
/// <param name="Object">The object as the server stored it.</param>
/// <param name="Created">
/// True when the server answered 201 (the object did not exist and the apply created it); false for 200 (an existing
/// object was changed, or already had every applied value).
/// </param>
public sealed record AppliedObject<TEntity>(TEntity Object, bool Created)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>;
