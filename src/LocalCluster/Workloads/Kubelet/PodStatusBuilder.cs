using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>What the kubelet knows about a pod at one moment.</summary>
internal sealed record PodRuntimeStatus(
    string PodIp, string HostIp, DateTimeOffset StartTime, IReadOnlyList<ContainerRuntimeStatus> Containers);

/// <summary>
/// Builds a pod's status the way the kubelet's status manager does: the phase from the container states (any
/// container never started: Pending; otherwise Running while restartPolicy brings them back), the standard
/// conditions with lastTransitionTime kept while a condition's status does not change, podIP(s), hostIP(s),
/// startTime, containerStatuses and qosClass.
/// </summary>
internal static class PodStatusBuilder
{
    public static JsonObject Build(JsonObject pod, PodRuntimeStatus runtime, DateTimeOffset now)
    {
        var previous = pod["status"]?["conditions"] as JsonArray;
        var allReady = runtime.Containers.Count > 0 && runtime.Containers.All(c => c.Ready);
        var unready = runtime.Containers.Where(c => !c.Ready).Select(c => c.Name).ToList();
        var notReadyMessage = $"containers with unready status: [{string.Join(" ", unready)}]";

        var conditions = new JsonArray(
            Condition("PodReadyToStartContainers", true, null, null, previous, now),
            Condition("Initialized", true, null, null, previous, now),
            Condition("Ready", allReady, allReady ? null : "ContainersNotReady", allReady ? null : notReadyMessage, previous, now),
            Condition("ContainersReady", allReady, allReady ? null : "ContainersNotReady", allReady ? null : notReadyMessage, previous, now),
            Condition("PodScheduled", true, null, null, previous, now));

        var statuses = new JsonArray();
        foreach (var container in runtime.Containers)
        {
            statuses.Add((JsonNode)ContainerStatus(container));
        }

        return new JsonObject
        {
            ["phase"] = Phase(pod, runtime.Containers),
            ["conditions"] = conditions,
            ["hostIP"] = runtime.HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = runtime.HostIp }),
            ["podIP"] = runtime.PodIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = runtime.PodIp }),
            ["startTime"] = ObjectMeta.FormatTime(runtime.StartTime),
            ["containerStatuses"] = statuses,
            ["qosClass"] = QosClass(pod),
        };
    }

    /// <summary>getPhase of the kubelet, for pods without init containers.</summary>
    public static string Phase(JsonObject pod, IReadOnlyList<ContainerRuntimeStatus> containers)
    {
        var restartPolicy = pod["spec"]?["restartPolicy"]?.GetValue<string>() ?? "Always";
        int waiting = 0, running = 0, succeeded = 0, failed = 0;
        foreach (var container in containers)
        {
            switch (container.State)
            {
                case RunningState:
                    running++;
                    break;
                case TerminatedState terminated:
                    if (terminated.ExitCode == 0)
                    {
                        succeeded++;
                    }
                    else
                    {
                        failed++;
                    }

                    break;
                case WaitingState when container.LastTermination is not null:
                    // Waiting to be restarted: it has run before, so the pod is past Pending.
                    running++;
                    break;
                default:
                    waiting++;
                    break;
            }
        }

        if (waiting > 0 || containers.Count == 0)
        {
            return "Pending";
        }

        if (running > 0)
        {
            return "Running";
        }

        return restartPolicy switch
        {
            "Always" => "Running",
            "OnFailure" when failed > 0 => "Running",
            _ => failed > 0 ? "Failed" : "Succeeded",
        };
    }

    private static JsonObject ContainerStatus(ContainerRuntimeStatus container)
    {
        var json = new JsonObject
        {
            ["name"] = container.Name,
            ["state"] = StateJson(container.State),
            ["lastState"] = container.LastTermination is null ? new JsonObject() : StateJson(container.LastTermination),
            ["ready"] = container.Ready,
            ["restartCount"] = container.RestartCount,
            ["image"] = container.Image,
            ["imageID"] = "",
            ["started"] = container.Started,
        };
        if (container.ContainerId is not null)
        {
            json["containerID"] = container.ContainerId;
        }

        return json;
    }

    private static JsonObject StateJson(ContainerState state) => state switch
    {
        RunningState running => new JsonObject
        {
            ["running"] = new JsonObject { ["startedAt"] = ObjectMeta.FormatTime(running.StartedAt) },
        },
        WaitingState waiting => new JsonObject
        {
            ["waiting"] = new JsonObject { ["reason"] = waiting.Reason, ["message"] = waiting.Message },
        },
        TerminatedState terminated => new JsonObject
        {
            ["terminated"] = TerminatedJson(terminated),
        },
        _ => [],
    };

    private static JsonObject TerminatedJson(TerminatedState terminated)
    {
        var json = new JsonObject
        {
            ["exitCode"] = terminated.ExitCode,
            ["reason"] = terminated.Reason,
            ["startedAt"] = ObjectMeta.FormatTime(terminated.StartedAt),
            ["finishedAt"] = ObjectMeta.FormatTime(terminated.FinishedAt),
            ["containerID"] = terminated.ContainerId,
        };
        if (terminated.Message is not null)
        {
            json["message"] = terminated.Message;
        }

        return json;
    }

    private static JsonObject Condition(string type, bool status, string? reason, string? message, JsonArray? previous, DateTimeOffset now)
    {
        var value = status ? "True" : "False";
        var before = previous?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var transition = before?["status"]?.GetValue<string>() == value && before["lastTransitionTime"] is JsonNode kept
            ? kept.DeepClone()
            : ObjectMeta.FormatTime(now);
        var json = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = transition,
        };
        if (reason is not null)
        {
            json["reason"] = reason;
        }

        if (message is not null)
        {
            json["message"] = message;
        }

        return json;
    }

    /// <summary>Kubernetes' QoS classes: no requests or limits at all, limits equal to requests everywhere, or in between.</summary>
    public static string QosClass(JsonObject pod)
    {
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var any = false;
        var guaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            var requests = container["resources"]?["requests"] as JsonObject;
            var limits = container["resources"]?["limits"] as JsonObject;
            any |= requests?.Count > 0 || limits?.Count > 0;
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = limits?[resource]?.ToString();
                var request = requests?[resource]?.ToString() ?? limit;
                guaranteed &= limit is not null && request == limit;
            }
        }

        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
