namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>One <c>additionalPrinterColumns</c> entry of a CRD version (or a built-in column).</summary>
public sealed record PrinterColumn(string Name, string Type, string Format, string Description, int Priority, string JsonPath);
