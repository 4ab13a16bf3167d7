using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>The outcome of a write as the HTTP layer needs it.</summary>
/// <param name="Object">The stored object (for a deletion: its last state).</param>
/// <param name="Created">True when the write created the object (201).</param>
/// <param name="Removed">True when the object is gone (a delete without pending finalizers, or the last finalizer removed).</param>
/// <param name="Warnings">Texts for <c>Warning: 299</c> headers (e.g. unknown fields under fieldValidation=Warn).</param>
internal sealed record WriteResponse(JsonObject Object, bool Created, bool Removed, IReadOnlyList<string> Warnings);
