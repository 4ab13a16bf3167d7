using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>One page of a list: the items, the revision they reflect, and the token for the next page.</summary>
internal sealed record ListResult(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
