using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The client Service that balances requests over the ready pods.</summary>
[ValidationRule("!has(self.nodePort) || (has(self.type) && self.type != 'ClusterIP')",
    Message = "nodePort is only allowed with type NodePort or LoadBalancer; remove nodePort or change type")]
public sealed class ServiceSpec
{
    /// <summary>ClusterIP (default), NodePort or LoadBalancer.</summary>
    [EnumValues(ServiceTypes.ClusterIP, ServiceTypes.NodePort, ServiceTypes.LoadBalancer)]
    [DefaultValue(ServiceTypes.ClusterIP)]
    public string? Type { get; set; }

    /// <summary>Port the Service listens on (1 to 65535). Defaults to 80.</summary>
    [RangeMinimum(1)]
    [RangeMaximum(65535)]
    [DefaultValue(80)]
    public int? Port { get; set; }

    /// <summary>NodePort and LoadBalancer only: the node port to use (30000 to 32767). Unset: one is allocated.</summary>
    [RangeMinimum(30000)]
    [RangeMaximum(32767)]
    public int? NodePort { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
