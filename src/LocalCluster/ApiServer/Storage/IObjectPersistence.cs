using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>Durable storage behind the in-memory store: called inside the write lock, before the write is acknowledged.</summary>
internal interface IObjectPersistence
{
    /// <summary>Everything stored, and the highest revision ever handed out.</summary>
    PersistedState Load();

    /// <summary>Stores one object durably (replacing its previous state).</summary>
    void Save(ResourceRef resource, ObjectKey key, ReadOnlySpan<byte> json);

    /// <summary>Removes one object durably and records <paramref name="revision"/> so it is never handed out again.</summary>
    void Delete(ResourceRef resource, ObjectKey key, long revision);
}

/// <summary>What <see cref="IObjectPersistence.Load"/> found.</summary>
internal sealed record PersistedState(IReadOnlyList<(ResourceRef Resource, ObjectKey Key, JsonObject Object)> Objects, long Revision);
