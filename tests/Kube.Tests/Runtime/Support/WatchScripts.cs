using System.Runtime.CompilerServices;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>Ready-made watch streams for <see cref="FakeKubernetesClient.ScriptWatch{TEntity}"/>.</summary>
public static class WatchScripts
{
    /// <summary>Yields the events, then fails with <paramref name="error"/> (or ends cleanly when null).</summary>
    public static Func<WatchOptions, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> Events<T>(Exception? error, params WatchEvent<T>[] events)
        where T : class => (_, ct) => Stream(events, error, ct);

    /// <summary>Signals <paramref name="reached"/> with the options, then stays open until cancelled (a healthy, quiet watch).</summary>
    public static Func<WatchOptions, CancellationToken, IAsyncEnumerable<WatchEvent<T>>> Hang<T>(TaskCompletionSource<WatchOptions> reached)
        where T : class => (options, ct) => HangStream<T>(options, reached, ct);

    public static V1Pod Pod(string name, string resourceVersion, string? @namespace = "ns", IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = @namespace, ResourceVersion = resourceVersion, Uid = $"uid-{name}", Labels = labels },
    };

    private static async IAsyncEnumerable<WatchEvent<T>> Stream<T>(WatchEvent<T>[] events, Exception? error, [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        foreach (var item in events)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return item;
        }

        if (error is not null)
        {
            throw error;
        }
    }

    private static async IAsyncEnumerable<WatchEvent<T>> HangStream<T>(WatchOptions options, TaskCompletionSource<WatchOptions> reached, [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        reached.TrySetResult(options);
        await Task.Delay(Timeout.Infinite, ct);
        yield break;
    }
}
