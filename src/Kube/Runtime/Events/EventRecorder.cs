using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// Writes core/v1 Events named <c>&lt;object&gt;.&lt;hex nanoseconds&gt;</c> like client-go, without ever making the
/// caller wait: <see cref="RecordAsync"/> puts the occurrence in a bounded queue and returns; one background writer
/// correlates it (<see cref="EventCorrelator"/>: repeats patch <c>count</c>/<c>lastTimestamp</c>, similar events are
/// combined, a per-object spam filter applies) and writes it through the client, whose retries cover transient API
/// failures. A full queue drops the event (counted in <c>event_recorder_dropped_total</c>, logged at most once a
/// minute), as client-go's broadcaster does. <see cref="StopAsync"/> writes what is queued, for a bounded time.
/// </summary>
public sealed partial class EventRecorder : IEventRecorder, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The service key of an <see cref="IKubernetesClient"/> that writes events only. Registered (a client with its own
    /// rate limit), a burst of events waits on its own token bucket and never delays the reconcilers' requests; absent,
    /// the recorder shares the one <see cref="IKubernetesClient"/>.
    /// </summary>
    public const string ClientServiceKey = "events";

    /// <summary>Longer messages are cut, so one verbose error cannot make the Event invalid or huge.</summary>
    public const int MaxMessageLength = 1024;

    private static readonly TimeSpan DropLogInterval = TimeSpan.FromMinutes(1);

    private readonly IKubernetesClient client;
    private readonly EventRecorderOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly EventCorrelator correlator;
    private readonly Channel<QueueItem> queue;
    private readonly CancellationTokenSource abandon = new();
    private readonly Task writer;
    private readonly string host;
    private readonly CounterFamily? dropped;
    private long droppedSinceLog;
    private long lastDropLog = long.MinValue;
    private bool stopped;

    /// <summary>Creates a recorder and starts its writer.</summary>
    /// <param name="client">Writes the Events.</param>
    /// <param name="options">Attribution, aggregation, spam filter and queue settings.</param>
    /// <param name="logger">Dropped and failed events.</param>
    /// <param name="time">Event timestamps and the correlator's clock.</param>
    /// <param name="metrics">Where <c>event_recorder_dropped_total{reason}</c> is registered; null: not counted.</param>
    public EventRecorder(IKubernetesClient client, EventRecorderOptions options, ILogger<EventRecorder> logger, TimeProvider? time = null, MetricsRegistry? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        this.client = client;
        this.options = options;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        host = options.Host ?? Environment.MachineName;
        correlator = new EventCorrelator(options);
        dropped = metrics?.Counter("event_recorder_dropped_total", "Events not written, by reason: queue_full, spam_filter, write_failed, shutdown", "reason");
        queue = Channel.CreateBounded<QueueItem>(new BoundedChannelOptions(options.QueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Queues the event and returns at once; it is written in the background. Never blocks on the API server and never
    /// throws for API failures; <paramref name="cancellationToken"/> is not needed for the write and is ignored.
    /// </summary>
    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> involvedObject, EventType type, string reason, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(involvedObject);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var meta = involvedObject.Metadata;
        var name = meta?.Name;
        if (meta is null || string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"Cannot record event {reason}: the involved {involvedObject.Kind} has no metadata.name.", nameof(involvedObject));
        }

        message ??= string.Empty;
        message = message.Length > MaxMessageLength ? message[..(MaxMessageLength - 3)] + "..." : message;

        // Copied now: the caller may go on changing its object (often an informer's cached instance).
        var occurrence = new Occurrence(
            new EventKey(meta.Uid, involvedObject.Kind, meta.Namespace, name, type, reason, message),
            new V1ObjectReference
            {
                ApiVersion = involvedObject.ApiVersion,
                Kind = involvedObject.Kind,
                Name = name,
                Namespace = meta.Namespace,
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
            },
            time.GetUtcNow());
        if (!queue.Writer.TryWrite(new QueueItem(occurrence, null)))
        {
            OnQueueRejected(occurrence.Key);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until every event queued before this call has been written (or dropped).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await queue.Writer.WriteAsync(new QueueItem(null, flushed), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await writer.WaitAsync(cancellationToken);
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops accepting events and writes the queued ones; when <paramref name="cancellationToken"/> fires first, the
    /// rest is abandoned (counted as <c>shutdown</c> drops) and the write in progress is cancelled.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref stopped, true);
        queue.Writer.TryComplete();
        try
        {
            await writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var left = queue.Reader.Count;
            await abandon.CancelAsync();
            await writer;
            dropped?.WithLabels("shutdown").Inc(left);
            LogAbandoned(logger, left);
        }
    }

    /// <summary>Writes what is queued for at most <see cref="EventRecorderOptions.FlushTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        // The abandon source is left undisposed on purpose: it has no timer, and Dispose may still cancel it afterwards.
        using var timeout = new CancellationTokenSource(options.FlushTimeout, time);
        await StopAsync(timeout.Token);
    }

    /// <summary>Stops at once; queued events are abandoned. Prefer <see cref="DisposeAsync"/> or <see cref="StopAsync"/>.</summary>
    public void Dispose()
    {
        Volatile.Write(ref stopped, true);
        queue.Writer.TryComplete();
        abandon.Cancel();
    }

    /// <summary>The client-go event name: the object name, a dot, and the current Unix time in nanoseconds as hex.</summary>
    internal static string EventName(string objectName, DateTimeOffset now)
    {
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        return $"{objectName}.{nanos.ToString("x", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The merge patch that counts more occurrences (and, for a combined series, shows the latest message).</summary>
    internal static string RepeatPatch(int count, DateTimeOffset lastTimestamp, string? message = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("count", count);
            json.WriteString("lastTimestamp", lastTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (message is not null)
            {
                json.WriteString("message", message);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(abandon.Token))
            {
                if (item.Flushed is { } flushed)
                {
                    flushed.TrySetResult();
                }
                else
                {
                    await WriteAsync(item.Occurrence!, abandon.Token);
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Shutdown ran out of time; StopAsync counts what was left.
        }
    }

    private async Task WriteAsync(Occurrence occurrence, CancellationToken cancellationToken)
    {
        var correlation = correlator.Correlate(occurrence.Key, occurrence.Timestamp);
        try
        {
            switch (correlation.Action)
            {
                case EventCorrelator.CorrelationAction.Filter:
                    dropped?.WithLabels("spam_filter").Inc();
                    LogSpamFiltered(logger, occurrence.Key.Type, occurrence.Key.Reason, occurrence.Key.Kind, occurrence.Key.Namespace, occurrence.Key.Name);
                    return;
                case EventCorrelator.CorrelationAction.Update when await TryUpdateAsync(correlation, cancellationToken):
                    return;
                default:
                    await CreateAsync(occurrence, correlation, cancellationToken);
                    return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            // The client already retried transient failures; what is left (403, 422, a dead server) is not worth more.
            dropped?.WithLabels("write_failed").Inc();
            LogWriteFailed(logger, error, occurrence.Key.Type, occurrence.Key.Reason, occurrence.Key.Kind, occurrence.Key.Namespace, occurrence.Key.Name);
        }
    }

    private async Task<bool> TryUpdateAsync(EventCorrelator.Correlation correlation, CancellationToken cancellationToken)
    {
        var next = correlation.Existing!;

        // A combined series' message follows its latest member, as in client-go.
        var message = next.Key.Message is null ? correlation.Message : null;
        try
        {
            await client.PatchAsync<Corev1Event>(next.Name, next.Namespace, KubernetesPatch.Merge(RepeatPatch(next.Count, next.LastTimestamp, message)), cancellationToken);
            correlator.Remember(next);
            return true;
        }
        catch (NotFoundException)
        {
            // The API server expires events (1 h by default); start a new series.
            correlator.Forget(next.Key);
            return false;
        }
    }

    private async Task CreateAsync(Occurrence occurrence, EventCorrelator.Correlation correlation, CancellationToken cancellationToken)
    {
        var now = occurrence.Timestamp;
        var created = await client.CreateAsync(NewEvent(occurrence, correlation.Message, now), cancellationToken);
        correlator.Remember(new EventCorrelator.Series(correlation.Key, created.Metadata.Namespace ?? EventNamespace(occurrence.Key), created.Metadata.Name!, 1, now, now));
    }

    private Corev1Event NewEvent(Occurrence occurrence, string message, DateTimeOffset now) => new()
    {
        Metadata = new V1ObjectMeta { Name = EventName(occurrence.Key.Name, now), Namespace = EventNamespace(occurrence.Key) },
        InvolvedObject = occurrence.InvolvedObject,
        Type = occurrence.Key.Type.ToString(),
        Reason = occurrence.Key.Reason,
        Message = message,
        Source = new V1EventSource { Component = options.Component, Host = host },
        ReportingComponent = options.Component,
        ReportingInstance = host,
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };

    private void OnQueueRejected(EventKey key)
    {
        if (Volatile.Read(ref stopped))
        {
            dropped?.WithLabels("shutdown").Inc();
            return;
        }

        dropped?.WithLabels("queue_full").Inc();
        var count = Interlocked.Increment(ref droppedSinceLog);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref lastDropLog);
        var due = last == long.MinValue || time.GetElapsedTime(last, now) >= DropLogInterval;
        if (due && Interlocked.CompareExchange(ref lastDropLog, now, last) == last)
        {
            count = Interlocked.Exchange(ref droppedSinceLog, 0);
            LogQueueFull(logger, options.QueueLength, count, key.Type, key.Reason, key.Kind, key.Namespace, key.Name);
        }
    }

    private static string EventNamespace(EventKey key) => string.IsNullOrEmpty(key.Namespace) ? "default" : key.Namespace;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Type} event {Reason} for {Kind} {Namespace}/{Name}: the API rejected the write")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, EventType type, string reason, string kind, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spam filter dropped {Type} event {Reason} for {Kind} {Namespace}/{Name}")]
    private static partial void LogSpamFiltered(ILogger logger, EventType type, string reason, string kind, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event queue full ({Capacity}): dropped {Dropped} event(s) since the last report, the latest {Type} {Reason} for {Kind} {Namespace}/{Name}")]
    private static partial void LogQueueFull(ILogger logger, int capacity, long dropped, EventType type, string reason, string kind, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown abandoned {Count} queued event(s) that could not be written in time")]
    private static partial void LogAbandoned(ILogger logger, int count);

    /// <summary>An event occurrence as recorded, with the involved object captured at that moment.</summary>
    private sealed record Occurrence(EventKey Key, V1ObjectReference InvolvedObject, DateTimeOffset Timestamp);

    /// <summary>A queued occurrence, or a flush marker the writer completes when it reaches it.</summary>
    private readonly record struct QueueItem(Occurrence? Occurrence, TaskCompletionSource? Flushed);
}
