using System.Collections.Concurrent;
using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Queue;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Queue;

public sealed class WorkQueueConcurrencyTests
{
    [Fact]
    public async Task Under_concurrent_adds_and_workers_no_key_is_processed_twice_at_once_and_no_add_is_lost()
    {
        using var queue = new WorkQueue("stress");
        var keys = Enumerable.Range(0, 40).Select(i => new ObjectKey("ns", $"k{i}")).ToArray();
        var versions = new long[keys.Length];
        var seenVersion = new long[keys.Length];
        var inFlight = new int[keys.Length];
        var overlaps = 0;
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (await queue.GetAsync(CancellationToken.None) is { } key)
            {
                var i = index[key];
                if (Interlocked.Increment(ref inFlight[i]) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                // Whatever was added before this point is covered by this processing run.
                var covered = Interlocked.Read(ref versions[i]);
                await Task.Yield();
                InterlockedMax(ref seenVersion[i], covered);
                Interlocked.Decrement(ref inFlight[i]);
                queue.Done(key);
            }
        })).ToArray();

        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            var random = new Random(p);
            for (var n = 0; n < 20_000; n++)
            {
                var i = random.Next(keys.Length);
                Interlocked.Increment(ref versions[i]);
                queue.Add(keys[i]);
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60));
        await Eventually.True(() => Enumerable.Range(0, keys.Length).All(i => Interlocked.Read(ref seenVersion[i]) == Interlocked.Read(ref versions[i])), "every add to be processed");
        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, overlaps);
        Assert.Equal(0, queue.Count);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
