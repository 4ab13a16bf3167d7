using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Http;

namespace VisitCounter.LocalCluster.ApiServer.Hosting;

/// <summary>How to run a <see cref="LocalApiServer"/>.</summary>
public sealed record LocalApiServerOptions
{
    /// <summary>Where objects, the CA, the token and the kubeconfig are kept. Required.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a generated CA and require the bearer token (kubectl sends credentials only over HTTPS).
    /// False serves plain HTTP without authentication.</summary>
    public bool Https { get; init; } = true;

    /// <summary>The minor version <c>/version</c> reports; the installed kubectl dispatcher runs the matching client.</summary>
    public string ReportedMinorVersion { get; init; } = "32";

    /// <summary>Folder with the official OpenAPI v3 documents (<c>v3_api_v1.json</c>, ...): served for built-in
    /// group-versions, so <c>kubectl explain pods</c> and strict validation of built-ins work as on a real server.</summary>
    public string? OpenApiFolder { get; init; }

    /// <summary>Address to listen on.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>How many recent changes are kept for watches that resume from a resourceVersion; older ones get 410 Gone.</summary>
    public int WatchWindowSize { get; init; } = 10_000;

    /// <summary>How often a watch that allows bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a watch without <c>timeoutSeconds</c> lasts (the real server picks 30-60 minutes).</summary>
    public TimeSpan DefaultWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Where pod logs come from (the kubelet stand-in); null answers every log request "not running".</summary>
    public IPodLogSource? PodLogs { get; init; }

    /// <summary>Explicit feature gate settings (what <c>--feature-gates</c> sets; <see cref="Features.FeatureGates.Parse"/> reads that
    /// syntax) on top of the defaults of <see cref="ReportedMinorVersion"/>. Only gates in <see cref="Features.FeatureGates.Known"/>.</summary>
    public IReadOnlyDictionary<string, bool> FeatureGates { get; init; } = new Dictionary<string, bool>();

    /// <summary>Mutating admission steps run on every create and update, like webhooks (e.g. <see cref="AdmissionControl.PodTemplateInjection"/>).
    /// Empty by default: the server then stores what clients send.</summary>
    public IReadOnlyList<IMutatingAdmission> MutatingAdmission { get; init; } = [];

    /// <summary>Clock for timestamps and ages.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
