namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>
/// A clock that only moves when a test calls <see cref="Advance"/>; due timers fire synchronously
/// on the advancing thread, in due-time order, so delay logic is tested without sleeping.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset? start = null) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long ticks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return ticks;
        }
    }

    /// <summary>Timers that have not fired or been disposed.</summary>
    public int PendingTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.Due is not null);
            }
        }
    }

    /// <summary>The earliest due time of a pending timer, if any.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (gate)
            {
                return timers.Where(t => t.Due is not null).Select(t => t.Due).Min();
            }
        }
    }

    /// <summary>
    /// When true, a one-shot timer due within <see cref="AutoAdvanceLimit"/> does not wait for <see cref="Advance"/>: the
    /// clock jumps to its due time and the callback runs on the thread pool. The requested delays are recorded. Good for
    /// loops that back off between attempts; longer timers (timeouts, deadlines) stay pending as usual.
    /// </summary>
    public bool AutoAdvance { get; set; }

    /// <summary>The longest timer <see cref="AutoAdvance"/> fires by itself.</summary>
    public TimeSpan AutoAdvanceLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delays of timers created while <see cref="AutoAdvance"/> was on.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<TimeSpan> RequestedDelays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (AutoAdvance && dueTime > TimeSpan.Zero && dueTime <= AutoAdvanceLimit && period == Timeout.InfiniteTimeSpan)
        {
            RequestedDelays.Enqueue(dueTime);
            lock (gate)
            {
                now += dueTime;
                ticks += dueTime.Ticks;
            }

            var fired = new ManualTimer(this, callback, state);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return fired;
        }

        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer that becomes due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.Due is not null && t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    ticks += (target - now).Ticks;
                    now = target;
                    return;
                }

                ticks += (next.Due!.Value - now).Ticks;
                now = next.Due.Value;
                next.Due = next.Period is { } period && period > TimeSpan.Zero ? now + period : null;
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                if (!owner.timers.Contains(this))
                {
                    owner.timers.Add(this);
                }

                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                Due = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
