using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>
/// A rate-limited, delaying work queue of object keys with client-go's guarantees:
/// a key is queued at most once however often it is added (de-duplication), and a key that is being
/// processed is never handed to a second worker: adding it meanwhile marks it dirty and it is queued
/// again when the first worker calls <see cref="Done"/>.
/// </summary>
/// <remarks>
/// Every key handed out by <see cref="GetAsync"/> must be passed to <see cref="Done"/> exactly once.
/// Time comes from an injected <see cref="TimeProvider"/> so delays are testable without sleeping.
/// </remarks>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<ObjectKey> queue = new();
    private readonly HashSet<ObjectKey> dirty = [];
    private readonly HashSet<ObjectKey> processing = [];
    private readonly Dictionary<ObjectKey, long> queuedSince = [];
    private readonly Dictionary<ObjectKey, long> processingSince = [];
    private readonly Dictionary<ObjectKey, DelayedAdd> delayed = [];
    private readonly SemaphoreSlim available = new(0);
    private readonly CancellationTokenSource shutdown = new();
    private readonly IRateLimiter<ObjectKey> rateLimiter;
    private readonly TimeProvider time;
    private readonly WorkQueueMetrics metrics;
    private bool shuttingDown;

    /// <summary>Creates a queue.</summary>
    /// <param name="name">The queue name used as the <c>name</c> label of the workqueue metrics.</param>
    /// <param name="rateLimiter">Backoff for <see cref="AddRateLimited"/>; defaults to controller-runtime's (5 ms doubling up to 1000 s per key, 10/s overall after a burst of 100).</param>
    /// <param name="time">The clock; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="metrics">Where to report; defaults to a private registry.</param>
    public WorkQueue(string name, IRateLimiter<ObjectKey>? rateLimiter = null, TimeProvider? time = null, RuntimeMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        this.time = time ?? TimeProvider.System;
        this.rateLimiter = rateLimiter ?? DefaultRateLimiter.Create<ObjectKey>(this.time);
        this.metrics = new WorkQueueMetrics(metrics ?? new RuntimeMetrics(new MetricsRegistry()), name);
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>The number of keys waiting to be handed out (not counting delayed or in-process keys).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already queued; if it is being processed it is queued again after <see cref="Done"/>.</summary>
    public void Add(ObjectKey key)
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            metrics.Adds.Inc();
            if (!dirty.Add(key) || processing.Contains(key))
            {
                return;
            }

            EnqueueLocked(key);
        }
    }

    /// <summary>
    /// Queues <paramref name="key"/> once <paramref name="delay"/> has passed. If the key is already waiting,
    /// the earlier of the two due times wins, so a short <c>RequeueAfter</c> is never pushed back by a longer one.
    /// </summary>
    public void AddAfter(ObjectKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (delayed.TryGetValue(key, out var existing))
            {
                if (existing.Due <= due)
                {
                    return;
                }

                existing.Timer.Dispose();
            }

            // The timer is created under the lock: its callback takes the same lock, so it cannot run
            // before the entry it must find is in the dictionary, even for a delay of one tick.
            var entry = new DelayedAdd(due);
            entry.Timer = time.CreateTimer(_ => FireDelayed(key, entry), null, delay, Timeout.InfiniteTimeSpan);
            delayed[key] = entry;
        }
    }

    /// <summary>Queues <paramref name="key"/> after the rate limiter's backoff for it (one more failure recorded); returns that delay.</summary>
    public TimeSpan AddRateLimited(ObjectKey key)
    {
        metrics.Retries.Inc();
        var delay = rateLimiter.When(key);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears <paramref name="key"/>'s failure history, so its next failure starts the backoff from the beginning.</summary>
    public void Forget(ObjectKey key) => rateLimiter.Forget(key);

    /// <summary>How many times <paramref name="key"/> was requeued with backoff since it was last forgotten.</summary>
    public int NumRequeues(ObjectKey key) => rateLimiter.NumRequeues(key);

    /// <summary>
    /// Waits for the next key and marks it as being processed. Returns null once the queue is shut down.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ObjectKey?> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        while (true)
        {
            try
            {
                await available.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            lock (gate)
            {
                if (shuttingDown)
                {
                    return null;
                }

                if (!queue.TryDequeue(out var key))
                {
                    continue;
                }

                dirty.Remove(key);
                processing.Add(key);
                metrics.Depth.Set(queue.Count);
                if (queuedSince.Remove(key, out var since))
                {
                    metrics.QueueLatency.Observe(time.GetElapsedTime(since).TotalSeconds);
                }

                processingSince[key] = time.GetTimestamp();
                return key;
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as processed; if it was added meanwhile it is queued again now.</summary>
    public void Done(ObjectKey key)
    {
        lock (gate)
        {
            if (!processing.Remove(key))
            {
                throw new InvalidOperationException($"Done({key}) was called for a key that is not being processed; every GetAsync result must be passed to Done exactly once.");
            }

            if (processingSince.Remove(key, out var since))
            {
                metrics.WorkDuration.Observe(time.GetElapsedTime(since).TotalSeconds);
            }

            if (dirty.Contains(key) && !shuttingDown)
            {
                EnqueueLocked(key);
            }
        }
    }

    /// <summary>Stops the queue: adds are ignored, pending delays are dropped and waiting <see cref="GetAsync"/> calls return null.</summary>
    public void ShutDown()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            shuttingDown = true;
            foreach (var entry in delayed.Values)
            {
                entry.Timer.Dispose();
            }

            delayed.Clear();
        }

        shutdown.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
    }

    private void EnqueueLocked(ObjectKey key)
    {
        queue.Enqueue(key);
        queuedSince[key] = time.GetTimestamp();
        metrics.Depth.Set(queue.Count);
        available.Release();
    }

    private void FireDelayed(ObjectKey key, DelayedAdd entry)
    {
        lock (gate)
        {
            // A newer, earlier AddAfter may have replaced this entry; only the current one may fire.
            if (!delayed.TryGetValue(key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            delayed.Remove(key);
        }

        entry.Timer.Dispose();
        Add(key);
    }

    private sealed class DelayedAdd(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer Timer { get; set; } = null!;
    }
}
