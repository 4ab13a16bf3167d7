using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.Workloads.Runtime;

/// <summary>
/// List-then-watch on one resource of the in-process store, as a client-go informer does: it lists, watches from
/// the version read before the list, and starts over with a fresh list when the watch ends or expires (410). Every
/// list is reported as a whole (<paramref name="onList"/>) so that a consumer can notice objects deleted while it
/// was not watching; each later change goes to <paramref name="onEvent"/>.
/// </summary>
internal sealed partial class StoreInformer(
    IObjectStore store,
    ResourceRef resource,
    Action<IReadOnlyList<JsonObject>> onList,
    Action<WatchEventType, JsonObject> onEvent,
    ILogger logger,
    TimeProvider time)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var version = store.CurrentResourceVersion;
                onList(store.List(resource, null));
                await foreach (var change in store.WatchAsync(resource, null, version.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken))
                {
                    if (change.Type != WatchEventType.Bookmark)
                    {
                        onEvent(change.Type, change.Object);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e) when (e.Code == 410)
            {
                // Relisting is the normal answer to an expired watch, not worth more than a debug line.
                LogWatchExpired(logger, resource);
                continue;
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // A custom resource is listed as soon as its CRD exists, a moment before the API serves it: retry quietly.
                LogNotServedYet(logger, resource);
            }
            catch (Exception e)
            {
                LogWatchFailed(logger, e, resource);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {Resource} expired; relisting")]
    private static partial void LogWatchExpired(ILogger logger, ResourceRef resource);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Resource} is not served yet; listing again in 1s")]
    private static partial void LogNotServedYet(ILogger logger, ResourceRef resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} failed; relisting in 1s")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, ResourceRef resource);
}
