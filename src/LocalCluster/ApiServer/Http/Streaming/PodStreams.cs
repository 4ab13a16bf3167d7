namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>The pod subresources that switch to a streaming protocol: <c>exec</c> and <c>portforward</c>.</summary>
internal sealed record PodStreams(ExecEndpoint Exec, PortForwardEndpoint PortForward);
