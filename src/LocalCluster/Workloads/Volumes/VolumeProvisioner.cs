using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Volumes;

/// <summary>
/// The local storage provisioner and PV binder in one: every claim is bound at once (Immediate binding) to a
/// directory under DATA/volumes that plays its persistent volume (<c>spec.volumeName: pv-UID</c>, status Bound
/// with the requested capacity), and a grown request is granted when the claim's StorageClass allows expansion,
/// as the external resizer would. A deleted claim's directory is removed (reclaimPolicy Delete).
/// </summary>
internal sealed partial class VolumeProvisioner(WorkloadContext context)
{
    private readonly ILogger _logger = context.LoggerFactory.CreateLogger<VolumeProvisioner>();
    private readonly WorkQueue _queue = new(context.Time);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informer = new StoreInformer(
            context.Store,
            ResourceRef.PersistentVolumeClaims,
            claims =>
            {
                foreach (var claim in claims)
                {
                    _queue.Add(claim.Key());
                }
            },
            (type, claim) =>
            {
                if (type == ApiServer.Storage.WatchEventType.Deleted)
                {
                    Reclaim(claim);
                }
                else
                {
                    _queue.Add(claim.Key());
                }
            },
            _logger,
            context.Time);
        await Task.WhenAll(informer.RunAsync(cancellationToken), _queue.RunAsync(ReconcileAsync, 1, cancellationToken));
    }

    /// <summary>The status a bound claim has: Bound, its access modes and a capacity that follows its request.</summary>
    public static JsonObject BoundStatus(JsonObject claim, bool allowExpansion)
    {
        var request = claim["spec"]?["resources"]?["requests"]?["storage"]?.GetValue<string>() ?? "1Gi";
        var current = claim["status"]?["capacity"]?["storage"]?.GetValue<string>();
        var capacity = current is null || (allowExpansion && Quantity.Parse(request) > Quantity.Parse(current)) ? request : current;
        return new JsonObject
        {
            ["phase"] = "Bound",
            ["accessModes"] = claim["spec"]?["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
            ["capacity"] = new JsonObject { ["storage"] = capacity },
        };
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var claim = context.Store.Get(ResourceRef.PersistentVolumeClaims, key[..slash], key[(slash + 1)..]);
        if (claim is null || claim.IsTerminating())
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(VolumePaths.ClaimDirectory(context.DataDirectory, claim.Namespace(), claim.Name()));
            if (string.IsNullOrEmpty(claim["spec"]?["volumeName"]?.GetValue<string>()))
            {
                var patch = new JsonObject { ["spec"] = new JsonObject { ["volumeName"] = "pv-" + claim.Uid() } };
                claim = await context.Store.PatchAsync(ResourceRef.PersistentVolumeClaims, claim.Namespace(), claim.Name(),
                    PatchType.Merge, patch, new WriteOptions(FieldManager: "local-provisioner"), cancellationToken: cancellationToken);
            }

            var status = BoundStatus(claim, AllowsExpansion(claim));
            if (!JsonNode.DeepEquals(claim["status"], status))
            {
                claim["status"] = status;
                await context.Store.UpdateStatusAsync(ResourceRef.PersistentVolumeClaims, claim,
                    new WriteOptions(FieldManager: "local-provisioner"), cancellationToken);
                LogBound(_logger, key);
            }
        }
        catch (ApiException e) when (e.Code is 409 or 404)
        {
            _queue.AddAfter(key, TimeSpan.FromMilliseconds(100));
        }
        catch (ApiException e)
        {
            LogCannotBind(_logger, e, key);
            _queue.AddAfter(key, TimeSpan.FromSeconds(5));
        }
    }

    private bool AllowsExpansion(JsonObject claim)
    {
        var className = claim["spec"]?["storageClassName"]?.GetValue<string>();
        var storageClass = className is null
            ? context.Store.List(ResourceRef.StorageClasses, null)
                .FirstOrDefault(c => ObjectMeta.StringMap(c.Metadata()["annotations"]).GetValueOrDefault("storageclass.kubernetes.io/is-default-class") == "true")
            : context.Store.Get(ResourceRef.StorageClasses, null, className);
        return storageClass?["allowVolumeExpansion"]?.GetValue<bool>() ?? false;
    }

    private void Reclaim(JsonObject claim)
    {
        var directory = VolumePaths.ClaimDirectory(context.DataDirectory, claim.Namespace(), claim.Name());
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException e)
        {
            LogCannotRemove(_logger, e, directory);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bound claim {Claim} to a local volume")]
    private static partial void LogBound(ILogger logger, string claim);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot bind claim {Claim}")]
    private static partial void LogCannotBind(ILogger logger, Exception exception, string claim);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the volume directory {Directory} of a deleted claim")]
    private static partial void LogCannotRemove(ILogger logger, Exception exception, string directory);
}
