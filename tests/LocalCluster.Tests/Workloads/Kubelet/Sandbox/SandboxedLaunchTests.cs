using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Kubelet;
using VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet.Sandbox;

public sealed class SandboxedLaunchTests
{
    private static readonly LocalImage App = new("dotnet", ["/opt/app/counter-app.dll"], "/opt/app");
    private static readonly Dictionary<string, string?> Host = new() { ["PATH"] = "/usr/bin", ["SECRET_TOKEN"] = "leak" };
    private static readonly RootEntry[] Root = [new("usr", null), new("bin", "usr/bin"), new("etc", null), new("tmp", null), new("proc", null), new("dev", null)];
    private static readonly PodSandbox Pod = new("/cluster/pods/web-0/etc/hosts", Root);

    private static ContainerLaunch Build(JsonObject container)
    {
        var pod = Manifests.Pod("web-0", container, claim: "data-web-0");
        return ContainerLaunchBuilder.Build(pod, container, App, "127.0.0.5", "127.0.0.1", "/cluster/pods/web-0/containers/counter",
            new Dictionary<string, string> { ["data"] = "/cluster/volumes/default/data-web-0" }, Host, Pod).Launch!;
    }

    [Fact]
    public void Sandboxed_env_is_the_pod_specs_without_rewriting_volume_paths()
    {
        var launch = Build(Manifests.CounterContainer());

        Assert.Equal("/data/visits", launch.Environment["VISITS_FILE"]);
        Assert.Equal("/root", launch.Environment["HOME"]);
        Assert.False(launch.Environment.ContainsKey("SECRET_TOKEN"));
        Assert.False(launch.Environment.ContainsKey("TMPDIR"));
    }

    [Fact]
    public void Sandbox_binds_the_claim_at_its_mount_path_and_private_tmp_home_and_hosts()
    {
        var sandbox = Build(Manifests.CounterContainer()).Sandbox!;

        Assert.Contains(new SandboxMount("/cluster/volumes/default/data-web-0", "/data", false), sandbox.Mounts);
        Assert.Contains(new SandboxMount("/cluster/pods/web-0/containers/counter/tmp", "/tmp", false), sandbox.Mounts);
        Assert.Contains(new SandboxMount("/cluster/pods/web-0/containers/counter/home", "/root", false), sandbox.Mounts);
        Assert.Contains(new SandboxMount("/cluster/pods/web-0/etc/hosts", "/etc/hosts", true), sandbox.Mounts);
        Assert.Equal("web-0", sandbox.Hostname);
        Assert.Equal("/opt/app", sandbox.WorkingDirectory);
    }

    [Fact]
    public void Container_workingDir_and_readOnlyRootFilesystem_reach_the_sandbox()
    {
        var container = Manifests.CounterContainer();
        container["workingDir"] = "/data";
        container["securityContext"] = new JsonObject { ["readOnlyRootFilesystem"] = true };

        var sandbox = Build(container).Sandbox!;

        Assert.Equal("/data", sandbox.WorkingDirectory);
        Assert.True(sandbox.ReadOnlyRoot);
    }

    [Fact]
    public void Bwrap_arguments_build_a_tmpfs_root_from_host_entries_then_mounts_shortest_first()
    {
        var spec = new SandboxSpec("web-0",
            [new("/v/web-0/sub", "/data/sub", true), new("/v/web-0", "/data", false), new("/h/hosts", "/etc/hosts", true)],
            "/data", ReadOnlyRoot: true, Root);

        var args = BubblewrapArguments.Build(spec, ["cat", "/data/visits"], _ => null);

        Assert.Equal(
            [
                "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "web-0",
                "--tmpfs", "/",
                "--symlink", "usr/bin", "/bin",
                "--ro-bind", "/etc", "/etc",
                "--ro-bind", "/usr", "/usr",
                "--dev", "/dev", "--proc", "/proc", "--dir", "/run",
                "--bind", "/v/web-0", "/data",
                "--ro-bind", "/v/web-0/sub", "/data/sub",
                "--ro-bind", "/h/hosts", "/etc/hosts",
                "--remount-ro", "/",
                "--chdir", "/data",
                "--", "cat", "/data/visits",
            ],
            args);
    }

    [Fact]
    public void Writable_root_is_not_remounted_read_only()
    {
        var args = BubblewrapArguments.Build(new SandboxSpec("p", [], "/", ReadOnlyRoot: false, []), ["true"]);

        Assert.DoesNotContain("--remount-ro", args);
    }

    [Fact]
    public void Mount_point_below_a_host_symlink_is_bound_at_the_links_target_inside_the_containers_own_run()
    {
        var root = new RootEntry[] { new("var", null), new("run", null) };
        var links = new Dictionary<string, string> { ["/var/run"] = "/run" };
        var spec = new SandboxSpec("p", [new("/pod/volumes/kube-api-access-abcde", "/var/run/secrets/kubernetes.io/serviceaccount", true)], "/", ReadOnlyRoot: true, root);

        var args = BubblewrapArguments.Build(spec, ["true"], path => links.GetValueOrDefault(path));

        Assert.Contains("/run/secrets/kubernetes.io/serviceaccount", args);
        Assert.DoesNotContain("/var/run/secrets/kubernetes.io/serviceaccount", args);
        Assert.DoesNotContain("/run", args.Where((_, i) => i > 0 && args[i - 1] == "--ro-bind").ToList());
    }

    [Fact]
    public void Relative_host_symlinks_resolve_against_their_parent_and_own_roots_are_left_alone()
    {
        var root = new RootEntry[] { new("var", null), new("tmp", null) };
        var links = new Dictionary<string, string> { ["/var/lock"] = "../run/lock", ["/tmp/x"] = "/elsewhere" };

        Assert.Equal("/run/lock/app", BubblewrapArguments.ResolveHostLinks("/var/lock/app", root, p => links.GetValueOrDefault(p)));
        Assert.Equal("/tmp/x/y", BubblewrapArguments.ResolveHostLinks("/tmp/x/y", root, p => links.GetValueOrDefault(p)));
        Assert.Equal("/data/x", BubblewrapArguments.ResolveHostLinks("/data/x", root, p => links.GetValueOrDefault(p)));
    }
}
