using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Storage;

/// <summary>What a difference between the spec's storage and the live StatefulSet's claim template means.</summary>
public abstract record StorageChange
{
    private StorageChange()
    {
    }

    /// <summary>The template already matches the spec.</summary>
    public sealed record None : StorageChange;

    /// <summary>The volumes must grow from <paramref name="From"/> to <paramref name="To"/>; the class allows it.</summary>
    public sealed record Grow(ResourceQuantity From, ResourceQuantity To) : StorageChange;

    /// <summary>The change cannot be made to existing volumes; <paramref name="Message"/> tells the user what to do.</summary>
    public sealed record Refused(string Reason, string Message) : StorageChange;
}
