using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Children;

/// <summary>Builds the two Services of a VisitCounterApp from its effective spec. Pure: no I/O, no clock.</summary>
public static class ServiceBuilder
{
    /// <summary>
    /// The headless Service that gives each pod the DNS name <c>NAME-N.NAME-headless.NS.svc</c>. It publishes
    /// not-ready pods too, because a StatefulSet pod needs its identity before it is ready (OrderedReady start-up).
    /// </summary>
    public static V1Service BuildHeadless(VisitCounterApp app, EffectiveSpec spec)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(spec);
        var name = app.Metadata.Name!;
        return new V1Service
        {
            Metadata = ChildMetadata.For(app, ChildNames.HeadlessService(name)),
            Spec = new V1ServiceSpec
            {
                Type = ServiceTypes.ClusterIP,
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = AppLabels.Selector(name),
                Ports = [HttpPort(spec.Port, nodePort: null)],
            },
        };
    }

    /// <summary>The client Service of <c>spec.service.type</c> that balances over the ready pods.</summary>
    public static V1Service BuildClient(VisitCounterApp app, EffectiveSpec spec)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(spec);
        var name = app.Metadata.Name!;
        var service = spec.Service;
        return new V1Service
        {
            Metadata = ChildMetadata.For(app, ChildNames.ClientService(name)),
            Spec = new V1ServiceSpec
            {
                Type = service.Type,
                Selector = AppLabels.Selector(name),

                // A ClusterIP Service must not name a node port; the defaulter already drops it, this keeps the rule local.
                Ports = [HttpPort(service.Port, service.Type == ServiceTypes.ClusterIP ? null : service.NodePort)],
            },
        };
    }

    private static V1ServicePort HttpPort(int port, int? nodePort) => new()
    {
        Name = PodDefaults.PortName,
        Protocol = "TCP",
        Port = port,
        TargetPort = IntOrString.FromString(PodDefaults.PortName),
        NodePort = nodePort,
    };
}
