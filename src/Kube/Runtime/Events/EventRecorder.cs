using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// Writes core/v1 Events named <c>&lt;object&gt;.&lt;hex nanoseconds&gt;</c> like client-go; a repeat of the same
/// (object, type, reason, message) within the aggregation window patches the existing Event's <c>count</c> and
/// <c>lastTimestamp</c> rather than creating a duplicate, so <c>kubectl describe</c> shows "x5 over 3m".
/// </summary>
public sealed partial class EventRecorder : IEventRecorder, IDisposable
{
    /// <summary>Longer messages are cut, so one verbose error cannot make the Event invalid or huge.</summary>
    public const int MaxMessageLength = 1024;

    private readonly IKubernetesClient client;
    private readonly EventRecorderOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly EventCorrelator correlator;
    private readonly SemaphoreSlim serial = new(1, 1);
    private readonly string host;

    /// <summary>Creates a recorder.</summary>
    public EventRecorder(IKubernetesClient client, EventRecorderOptions options, ILogger<EventRecorder> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(options.Component, "EventRecorderOptions.Component");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.CacheSize, "EventRecorderOptions.CacheSize");
        this.client = client;
        this.options = options;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        host = options.Host ?? Environment.MachineName;
        correlator = new EventCorrelator(options.AggregationWindow, options.CacheSize);
    }

    /// <inheritdoc />
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> involvedObject, EventType type, string reason, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(involvedObject);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var name = involvedObject.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"Cannot record event {reason}: the involved {involvedObject.Kind} has no metadata.name.", nameof(involvedObject));
        }

        message = message.Length > MaxMessageLength ? message[..(MaxMessageLength - 3)] + "..." : message;
        var meta = involvedObject.Metadata!;
        var key = new EventKey(meta.Uid, involvedObject.Kind, meta.Namespace, name, type, reason, message);

        // Serialised so two concurrent repeats cannot both create an Event or both write the same count.
        await serial.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var repeat = correlator.FindRepeat(key, now);
            if (repeat is not null && await TryBumpAsync(repeat, now, cancellationToken))
            {
                return;
            }

            var created = await client.CreateAsync(NewEvent(involvedObject, key, now), cancellationToken);
            correlator.Remember(key, new EventCorrelator.Series(key, created.Metadata.Namespace ?? EventNamespace(meta), created.Metadata.Name!, 1, now, now));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            LogDropped(logger, error, type, reason, involvedObject.Kind, meta.Namespace, name);
        }
        finally
        {
            serial.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => serial.Dispose();

    /// <summary>The client-go event name: the object name, a dot, and the current Unix time in nanoseconds as hex.</summary>
    internal static string EventName(string objectName, DateTimeOffset now)
    {
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        return $"{objectName}.{nanos.ToString("x", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The merge patch that counts one more occurrence.</summary>
    internal static string RepeatPatch(int count, DateTimeOffset lastTimestamp)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteString("lastTimestamp", lastTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task<bool> TryBumpAsync(EventCorrelator.Series series, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = series.Count + 1;
        try
        {
            await client.PatchAsync<Corev1Event>(series.Name, series.Namespace, KubernetesPatch.Merge(RepeatPatch(count, now)), cancellationToken);
            correlator.Remember(series.Key, series with { Count = count, LastTimestamp = now });
            return true;
        }
        catch (NotFoundException)
        {
            // The API server expires events (1 h by default); start a new series.
            correlator.Forget(series.Key);
            return false;
        }
    }

    private Corev1Event NewEvent(IKubernetesObject<V1ObjectMeta> involved, EventKey key, DateTimeOffset now) => new()
    {
        Metadata = new V1ObjectMeta { Name = EventName(key.Name, now), Namespace = EventNamespace(involved.Metadata) },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = involved.ApiVersion,
            Kind = involved.Kind,
            Name = key.Name,
            Namespace = involved.Metadata.Namespace,
            Uid = involved.Metadata.Uid,
            ResourceVersion = involved.Metadata.ResourceVersion,
        },
        Type = key.Type.ToString(),
        Reason = key.Reason,
        Message = key.Message,
        Source = new V1EventSource { Component = options.Component, Host = host },
        ReportingComponent = options.Component,
        ReportingInstance = host,
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };

    private static string EventNamespace(V1ObjectMeta meta) => string.IsNullOrEmpty(meta.Namespace) ? "default" : meta.Namespace;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Type} event {Reason} for {Kind} {Namespace}/{Name}")]
    private static partial void LogDropped(ILogger logger, Exception error, EventType type, string reason, string kind, string? @namespace, string name);
}
