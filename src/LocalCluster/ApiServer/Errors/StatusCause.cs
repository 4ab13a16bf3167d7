namespace VisitCounter.LocalCluster.ApiServer.Errors;

/// <summary>One <c>details.causes[]</c> entry of a metav1.Status.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
