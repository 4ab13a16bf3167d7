using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

public sealed class ContainerLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Follower_gets_the_lines_so_far_then_new_ones_until_the_process_ends()
    {
        using var log = new ContainerLog(filePath: null);
        log.Append("one", Now);
        await using var reader = log.ReadAsync(follow: true, CancellationToken.None).GetAsyncEnumerator();

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("one", reader.Current.Text);
        var next = reader.MoveNextAsync();   // subscribed: waits for a line that is not written yet
        Assert.False(next.IsCompleted);

        log.Append("two", Now);
        Assert.True(await next);
        Assert.Equal("two", reader.Current.Text);
        log.Complete();
        Assert.False(await reader.MoveNextAsync());
    }

    [Fact]
    public async Task Log_is_also_appended_to_its_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "container-log-tests", Guid.NewGuid().ToString("N"), "0.log");
        using (var log = new ContainerLog(file))
        {
            log.Append("hello", Now);
        }

        Assert.EndsWith(" hello", (await File.ReadAllLinesAsync(file)).Single(), StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
