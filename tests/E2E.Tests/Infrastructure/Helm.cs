using VisitCounter.TestSupport;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>
/// The pinned helm 4 (tools/bin/helm) pointed at the local cluster, with a helm home of its own (cache, config,
/// repositories) so a test never reads or writes the user's. Disposing removes that home.
/// </summary>
public sealed class Helm(string kubeconfig) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("vc-e2e-helm-").FullName;

    /// <summary>Runs <c>helm ARGS --namespace NS</c> and returns its output; fails the test with helm's error otherwise.</summary>
    public Task<string> RunAsync(string ns, params string[] args) =>
        HelmTool.SucceedAsync(_home, [.. args, "--kubeconfig", kubeconfig, "--namespace", ns]);

    /// <summary>Runs <c>helm ARGS --namespace NS</c> and returns how it exited, for the runs a test expects to fail.</summary>
    public Task<ProcessResult> TryRunAsync(string ns, params string[] args) =>
        HelmTool.RunAsync(_home, [.. args, "--kubeconfig", kubeconfig, "--namespace", ns]);

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
