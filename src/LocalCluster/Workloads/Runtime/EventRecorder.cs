using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Runtime;

/// <summary>
/// Writes core/v1 Events about objects, as the controllers of a real cluster do (what <c>kubectl describe</c>
/// shows under Events). Recording is best effort: a failed event never fails the controller's work.
/// </summary>
internal sealed partial class EventRecorder(WorkloadContext context, string component)
{
    private readonly ILogger _logger = context.LoggerFactory.CreateLogger<EventRecorder>();

    public async Task RecordAsync(JsonObject involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = ObjectMeta.FormatTime(context.Time.GetUtcNow());
        var name = involved.Name() + "." + context.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture)
                   + Random.Shared.Next(0x1000, 0xffff).ToString("x", CultureInfo.InvariantCulture);
        var ns = involved.Namespace().Length > 0 ? involved.Namespace() : "default";
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = involved.ApiVersion(),
                ["kind"] = involved.Kind(),
                ["name"] = involved.Name(),
                ["namespace"] = involved.Namespace(),
                ["uid"] = involved.Uid(),
                ["resourceVersion"] = involved.ResourceVersion(),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        try
        {
            await context.Store.CreateAsync(ResourceRef.Events, evt, new WriteOptions(FieldManager: component), cancellationToken);
        }
        catch (ApiException e)
        {
            LogNotRecorded(_logger, e, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record event {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string reason);
}
