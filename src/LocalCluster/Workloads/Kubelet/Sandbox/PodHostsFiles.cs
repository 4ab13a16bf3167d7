using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>
/// Keeps the generated /etc/hosts of every running pod current as pods and Services come and go: any change
/// to either marks all files stale, and one loop rewrites those whose content changed.
/// <para>
/// A file is rewritten in place (truncate and write), not replaced by a rename: the sandbox binds the file's
/// inode, so a renamed-over file would never be seen by the running pod.
/// </para>
/// </summary>
internal sealed partial class PodHostsFiles(IObjectStore store, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Entry> _pods = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _stale = new(0, 1);
    private readonly Lock _writing = new();

    /// <summary>Writes the pod's hosts file now and keeps it current until <see cref="Remove"/>.</summary>
    public void Add(string key, string ns, string hostname, string ip, string path)
    {
        var entry = new Entry(ns, hostname, ip, path);
        _pods[key] = entry;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Write(entry);
    }

    public void Remove(string key) => _pods.TryRemove(key, out _);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pods = new StoreInformer(store, ResourceRef.Pods, _ => MarkStale(), (_, _) => MarkStale(), logger, time);
        var services = new StoreInformer(store, ResourceRef.Services, _ => MarkStale(), (_, _) => MarkStale(), logger, time);
        await Task.WhenAll(pods.RunAsync(cancellationToken), services.RunAsync(cancellationToken), RewriteLoopAsync(cancellationToken));
    }

    private void MarkStale()
    {
        try
        {
            _stale.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already marked: the next rewrite sees this change too.
        }
    }

    private async Task RewriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _stale.WaitAsync(cancellationToken);
                foreach (var entry in _pods.Values)
                {
                    Write(entry);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Write(Entry entry)
    {
        lock (_writing)
        {
            WriteLocked(entry);
        }
    }

    private void WriteLocked(Entry entry)
    {
        var text = HostsFile.Render(entry.Hostname, entry.Ip, entry.Namespace,
            store.List(ResourceRef.Pods, entry.Namespace), store.List(ResourceRef.Services, entry.Namespace));
        try
        {
            if (File.Exists(entry.Path) && File.ReadAllText(entry.Path) == text)
            {
                return;
            }

            using var file = new FileStream(entry.Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            file.SetLength(0);
            file.Write(bytes);
            file.Flush(flushToDisk: false);
        }
        catch (DirectoryNotFoundException)
        {
            // The pod went meanwhile and the kubelet removed its directory: there is no file to keep current.
        }
        catch (IOException e)
        {
            LogWriteFailed(logger, e, entry.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the pod hosts file {Path}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);

    private sealed record Entry(string Namespace, string Hostname, string Ip, string Path);
}
