using System.Diagnostics.CodeAnalysis;

namespace VisitCounter.CounterApp.Storage;

/// <summary>The outcome of opening the visits file at start-up: a writable store, or why there is none.</summary>
public sealed record StoreOpenResult
{
    private StoreOpenResult(IVisitStore? store, long? count, string? problem)
    {
        Store = store;
        Count = count;
        Problem = problem;
    }

    /// <summary>The store to commit visits to, when it could be opened.</summary>
    public IVisitStore? Store { get; }

    /// <summary>The durable count, when it is known (it can be known even when the store is not writable).</summary>
    public long? Count { get; }

    /// <summary>Why visits cannot be counted, when they cannot.</summary>
    public string? Problem { get; }

    /// <summary>The store is open and its count loaded.</summary>
    [MemberNotNullWhen(true, nameof(Store), nameof(Count))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsOpen => Store is not null;

    /// <summary>A writable store holding <paramref name="count"/>.</summary>
    public static StoreOpenResult Opened(IVisitStore store, long count) => new(store, count, null);

    /// <summary>No writable store; <paramref name="knownCount"/> is the count if it could at least be read.</summary>
    public static StoreOpenResult Refused(string problem, long? knownCount = null) => new(null, knownCount, problem);
}
