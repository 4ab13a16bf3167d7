using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>One line a container wrote, with the time the kubelet received it (what <c>--timestamps</c> shows).</summary>
public sealed record LogLine(DateTimeOffset Time, string Text);

/// <summary>
/// The output of one container instance (one process run): kept in memory up to a bound for <c>kubectl logs</c>,
/// appended to a file in the pod's directory, and streamed to followers (<c>kubectl logs -f</c>).
/// </summary>
internal sealed class ContainerLog : IDisposable
{
    private const int MaxLines = 5000;
    private readonly Lock _gate = new();
    private readonly LinkedList<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _followers = [];
    private readonly StreamWriter? _file;
    private bool _completed;

    public ContainerLog(string? filePath)
    {
        if (filePath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
            _file = new StreamWriter(new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8)
            {
                AutoFlush = true,
            };
        }
    }

    public void Append(string text, DateTimeOffset time)
    {
        var line = new LogLine(time, text);
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _lines.AddLast(line);
            if (_lines.Count > MaxLines)
            {
                _lines.RemoveFirst();
            }

            foreach (var follower in _followers)
            {
                follower.Writer.TryWrite(line);
            }

            _file?.WriteLine(time.ToString("O", CultureInfo.InvariantCulture) + " " + text);
        }
    }

    /// <summary>The process ended: followers see the end of the stream.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var follower in _followers)
            {
                follower.Writer.TryComplete();
            }

            _followers.Clear();
        }
    }

    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>The lines so far, then every new line until the process ends or the caller stops listening.</summary>
    public async IAsyncEnumerable<LogLine> ReadAsync(bool follow, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<LogLine>? channel = null;
        IReadOnlyList<LogLine> existing;
        lock (_gate)
        {
            existing = [.. _lines];
            if (follow && !_completed)
            {
                channel = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
                _followers.Add(channel);
            }
        }

        try
        {
            foreach (var line in existing)
            {
                yield return line;
            }

            if (channel is null)
            {
                yield break;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            if (channel is not null)
            {
                lock (_gate)
                {
                    _followers.Remove(channel);
                }
            }
        }
    }

    public void Dispose()
    {
        Complete();
        lock (_gate)
        {
            _file?.Dispose();
        }
    }
}
