namespace VisitCounter.Kube.Configuration;

/// <summary>The <c>user.exec</c> section of a kubeconfig: which credential plugin to run and how.</summary>
public sealed record ExecCredentialConfig
{
    /// <summary>Must be <c>client.authentication.k8s.io/v1</c> (v1beta1 is accepted: same output shape).</summary>
    public string ApiVersion { get; init; } = "client.authentication.k8s.io/v1";

    /// <summary>Executable; a relative path with a slash is resolved against the kubeconfig's directory, as kubectl does.</summary>
    public required string Command { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Extra environment variables for the plugin.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary><c>Never</c>, <c>IfAvailable</c> or <c>Always</c>; we never have a terminal, so <c>Always</c> cannot work.</summary>
    public string? InteractiveMode { get; init; }

    /// <summary>Message shown when the command cannot be found.</summary>
    public string? InstallHint { get; init; }
}
