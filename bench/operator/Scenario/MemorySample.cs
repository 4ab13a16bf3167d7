using System.Diagnostics;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>The process's memory at one moment: live managed bytes after a full collection, and the working set.</summary>
public sealed record MemorySample(long ManagedHeapBytes, long WorkingSetBytes)
{
    /// <summary>Forces a full, compacting collection first, so the heap number is what is alive, not what is garbage.</summary>
    public static MemorySample Take()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemorySample(heap, process.WorkingSet64);
    }
}
