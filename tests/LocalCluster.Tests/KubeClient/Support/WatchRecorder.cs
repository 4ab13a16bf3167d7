using System.Threading.Channels;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>Runs one watch in the background and hands its non-bookmark events to the test in arrival order.</summary>
public sealed class WatchRecorder<TEntity> : IAsyncDisposable
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Channel<WatchEvent<TEntity>> events = Channel.CreateUnbounded<WatchEvent<TEntity>>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;

    /// <summary>Starts watching <paramref name="namespace"/> from <paramref name="resourceVersion"/>.</summary>
    public WatchRecorder(IKubernetesClient client, string @namespace, string? resourceVersion, string? labelSelector = null)
    {
        pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in client.WatchAsync<TEntity>(@namespace, new WatchOptions { ResourceVersion = resourceVersion, LabelSelector = labelSelector }, stop.Token))
                {
                    if (e.Type != WatchEventType.Bookmark)
                    {
                        await events.Writer.WriteAsync(e);
                    }
                }

                events.Writer.TryComplete();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                events.Writer.TryComplete();
            }
            catch (Exception error)
            {
                events.Writer.TryComplete(error);
            }
        });
    }

    /// <summary>The next <paramref name="count"/> events; fails if they do not arrive within <paramref name="timeoutSeconds"/>.</summary>
    public async Task<IReadOnlyList<WatchEvent<TEntity>>> TakeAsync(int count, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var taken = new List<WatchEvent<TEntity>>(count);
        try
        {
            while (taken.Count < count)
            {
                taken.Add(await events.Reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Expected {count} watch events, got {taken.Count}: {Describe(taken)}");
        }

        return taken;
    }

    /// <summary>Whatever arrives within <paramref name="quietPeriod"/> (used to prove nothing more comes).</summary>
    public async Task<IReadOnlyList<WatchEvent<TEntity>>> DrainAsync(TimeSpan quietPeriod)
    {
        await Task.Delay(quietPeriod);
        var rest = new List<WatchEvent<TEntity>>();
        while (events.Reader.TryRead(out var e))
        {
            rest.Add(e);
        }

        return rest;
    }

    /// <summary>Events as "TYPE name@rv" for failure messages.</summary>
    public static string Describe(IEnumerable<WatchEvent<TEntity>> list) =>
        string.Join(", ", list.Select(e => $"{e.Type} {e.Object?.Metadata.Name}@{e.ResourceVersion}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await pump;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
