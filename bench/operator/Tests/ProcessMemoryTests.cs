using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class ProcessMemoryTests
{
    [Fact]
    public void Reads_rss_and_peak_from_proc_status()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t 9000000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t30\n";

        var memory = ProcessMemory.Parse(status);

        Assert.Equal(new ProcessMemory(100L * 1024 * 1024, 200L * 1024 * 1024), memory);
    }

    [Fact]
    public void Status_without_memory_lines_gives_none() =>
        Assert.Null(ProcessMemory.Parse("Name:\tkthreadd\nState:\tS (sleeping)\n"));

    [Fact]
    public void This_process_can_be_read_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var memory = ProcessMemory.Read(Environment.ProcessId);

        Assert.NotNull(memory);
        Assert.True(memory.PeakRssBytes >= memory.RssBytes);
    }
}
