namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The regular expression Kubernetes publishes for resource quantities (e.g. 1Gi, 500m, 1e3) in CRD schemas.</summary>
public static class QuantityPattern
{
    public const string Regex = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";
}
