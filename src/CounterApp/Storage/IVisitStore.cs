namespace VisitCounter.CounterApp.Storage;

/// <summary>Durable home of one number: the visit count.</summary>
public interface IVisitStore : IDisposable
{
    /// <summary>
    /// Replaces the stored count with <paramref name="count"/> and returns only once it is on stable
    /// storage. Called from one thread at a time.
    /// </summary>
    /// <exception cref="IOException">The storage refused the write or the flush (disk full, read-only, I/O error).</exception>
    void Write(long count);
}
