namespace VisitCounter.CounterApp.Storage;

/// <summary>Durable home of one number: the visit count.</summary>
/// <remarks>
/// Writing and flushing are separate so that group commit can pipeline: writes are issued in order
/// by one thread at a time, while flushes of successive writes may overlap (the kernel merges
/// concurrent device cache flushes, so overlapping them costs little more than one).
/// </remarks>
public interface IVisitStore : IDisposable
{
    /// <summary>
    /// Replaces the stored count with <paramref name="count"/> (not yet durable). Callers serialize
    /// writes, so the stored value only ever moves in the order the writes were issued.
    /// </summary>
    /// <exception cref="IOException">The storage refused the write.</exception>
    void Write(long count);

    /// <summary>
    /// Returns once everything written before the call is on stable storage. Safe to call from
    /// several threads at once.
    /// </summary>
    /// <exception cref="IOException">The storage could not flush (disk full, read-only, I/O error).</exception>
    void Flush();
}
