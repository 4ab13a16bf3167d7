using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Server.Support;
using static VisitCounter.LocalCluster.Tests.Server.Auth.ServiceAccountAccess;

namespace VisitCounter.LocalCluster.Tests.Server.Auth;

/// <summary>Service account tokens against the HTTPS server: authentication, RBAC decisions, the 403 body, access reviews.</summary>
public sealed class RbacAuthorizationTests
{
    private const string PodReaderRole = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: team}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
        - {apiGroups: [""], resources: [pods/log], verbs: [get]}
        - {apiGroups: [""], resources: [configmaps], verbs: [get, update], resourceNames: [settings]}
        - {apiGroups: [apps], resources: [statefulsets/status], verbs: [patch]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reader, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
        subjects:
        - {kind: ServiceAccount, name: robot}
        """;

    [Fact]
    public async Task A_service_account_without_bindings_gets_the_real_403_status()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");

        var (status, body) = await SendAsAsync(cluster, token, HttpMethod.Get, "/api/v1/namespaces/default/pods");

        Assert.Equal(403, status);
        var expected = JsonNode.Parse("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"pods is forbidden: User \"system:serviceaccount:team:robot\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
             "reason":"Forbidden","details":{"kind":"pods"},"code":403}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body?.ToJsonString());
        Assert.Equal(1, cluster.Server.Authorization.Denied);
        Assert.Equal("system:serviceaccount:team:robot", Assert.Single(cluster.Server.Authorization.Denials).User);
    }

    [Fact]
    public async Task Role_rules_allow_exactly_their_verbs_resources_subresources_and_names()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, PodReaderRole);

        var matrix = new (HttpMethod Method, string Path, int Expected)[]
        {
            (HttpMethod.Get, "/api/v1/namespaces/team/pods", 200),
            (HttpMethod.Get, "/api/v1/namespaces/team/pods/none", 404),
            (HttpMethod.Delete, "/api/v1/namespaces/team/pods/none", 403),
            (HttpMethod.Get, "/api/v1/namespaces/default/pods", 403),
            (HttpMethod.Get, "/api/v1/pods", 403),
            (HttpMethod.Get, "/api/v1/namespaces/team/pods/none/log", 404),
            (HttpMethod.Get, "/api/v1/namespaces/team/configmaps/settings", 404),
            (HttpMethod.Get, "/api/v1/namespaces/team/configmaps/other", 403),
            (HttpMethod.Get, "/api/v1/namespaces/team/configmaps", 403),
            (HttpMethod.Get, "/apis/apps/v1/namespaces/team/statefulsets/db", 403),
            (HttpMethod.Get, "/api/v1/namespaces/team/secrets", 403),
        };
        foreach (var (method, path, expected) in matrix)
        {
            var (status, body) = await SendAsAsync(cluster, token, method, path);
            Assert.True(expected == status, $"{method} {path}: expected {expected}, got {status} {body?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Denials_name_the_name_the_subresource_and_the_cluster_scope()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");

        var (_, named) = await SendAsAsync(cluster, token, HttpMethod.Get, "/apis/apps/v1/namespaces/team/statefulsets/db/status");
        var (_, clusterScoped) = await SendAsAsync(cluster, token, HttpMethod.Get, "/api/v1/namespaces?watch=true");

        Assert.Equal("statefulsets.apps \"db\" is forbidden: User \"system:serviceaccount:team:robot\" cannot get resource \"statefulsets/status\" in API group \"apps\" in the namespace \"team\"",
            named!["message"]!.GetValue<string>());
        Assert.Equal("""{"name":"db","group":"apps","kind":"statefulsets"}""", named["details"]!.ToJsonString());
        Assert.Equal("namespaces is forbidden: User \"system:serviceaccount:team:robot\" cannot watch resource \"namespaces\" in API group \"\" at the cluster scope",
            clusterScoped!["message"]!.GetValue<string>());
    }

    private const string ConfigMapPatcherRole = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: patcher, namespace: team}
        rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get, patch]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: patcher, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: patcher}
        subjects:
        - {kind: ServiceAccount, name: robot}
        """;

    private static readonly JsonObject AppliedSettings = new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "settings", ["namespace"] = "team" },
        ["data"] = new JsonObject { ["mode"] = "fast" },
    };

    [Fact]
    public async Task A_server_side_apply_that_creates_needs_create_as_well_as_patch()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, ConfigMapPatcherRole);

        var (status, body) = await ApplyAsAsync(cluster, token, "/api/v1/namespaces/team/configmaps/settings?fieldManager=robot", AppliedSettings);

        Assert.Equal(403, status);
        Assert.Equal("configmaps \"settings\" is forbidden: User \"system:serviceaccount:team:robot\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"team\"",
            body!["message"]!.GetValue<string>());
        Assert.Null(cluster.Server.Store.Get(ApiServer.Resources.ResourceRef.ConfigMaps, "team", "settings"));
        var denial = Assert.Single(cluster.Server.Authorization.Denials);
        Assert.Equal(("create", "configmaps", "team"), (denial.Verb, denial.Resource, denial.Namespace));
    }

    [Fact]
    public async Task A_server_side_apply_of_an_existing_object_needs_only_patch()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, ConfigMapPatcherRole);
        await ApplyAsync(cluster, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: team}
            data: {mode: slow}
            """);

        var (status, body) = await ApplyAsAsync(cluster, token, "/api/v1/namespaces/team/configmaps/settings?fieldManager=robot&force=true", AppliedSettings);

        Assert.True(status == 200, body?.ToJsonString());
        Assert.Equal("fast", body!["data"]!["mode"]!.GetValue<string>());
        Assert.Equal(0, cluster.Server.Authorization.Denied);
    }

    [Fact]
    public async Task Denials_are_counted_on_metrics_by_decision_and_by_user_verb_and_resource()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, ConfigMapPatcherRole);

        await ApplyAsAsync(cluster, token, "/api/v1/namespaces/team/configmaps/settings?fieldManager=robot", AppliedSettings);
        await SendAsAsync(cluster, token, HttpMethod.Get, "/apis/apps/v1/namespaces/team/statefulsets/db/status");
        await SendAsAsync(cluster, token, HttpMethod.Get, "/api/v1/namespaces/team/configmaps/settings");
        using var response = await cluster.Http.GetAsync("/metrics");
        var metrics = await response.Content.ReadAsStringAsync();

        const string robot = "system:serviceaccount:team:robot";
        Assert.Equal(2, PrometheusText.Sum(metrics, "apiserver_authorization_decisions_total", ("decision", "denied"), ("name", "rbac"), ("type", "RBAC")));
        // The apply (patch allowed, then create denied) and the get of the missing config map were RBAC's allowed decisions; the admin's requests never reach RBAC.
        Assert.Equal(2, PrometheusText.Sum(metrics, "apiserver_authorization_decisions_total", ("decision", "allowed")));
        Assert.Equal(1, PrometheusText.Sum(metrics, "localcluster_authorization_denials_total",
            ("user", robot), ("verb", "create"), ("group", ""), ("resource", "configmaps"), ("namespace", "team")));
        Assert.Equal(1, PrometheusText.Sum(metrics, "localcluster_authorization_denials_total",
            ("user", robot), ("verb", "get"), ("group", "apps"), ("resource", "statefulsets/status"), ("namespace", "team")));
    }

    [Fact]
    public async Task A_cluster_role_bound_cluster_wide_with_wildcards_allows_every_namespace()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: apps-all}
            rules:
            - {apiGroups: ["*"], resources: [statefulsets, "*/scale"], verbs: ["*"]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: robot-apps}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: apps-all}
            subjects:
            - {kind: ServiceAccount, name: robot, namespace: team}
            """);

        Assert.Equal(200, (await SendAsAsync(cluster, token, HttpMethod.Get, "/apis/apps/v1/statefulsets")).Status);
        Assert.Equal(404, (await SendAsAsync(cluster, token, HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/web/scale")).Status);
        Assert.Equal(403, (await SendAsAsync(cluster, token, HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/web")).Status);
    }

    [Fact]
    public async Task Service_accounts_can_discover_and_ask_what_they_may_do()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, PodReaderRole);

        Assert.Equal(200, (await SendAsAsync(cluster, token, HttpMethod.Get, "/apis")).Status);
        Assert.Equal(200, (await SendAsAsync(cluster, token, HttpMethod.Get, "/version")).Status);
        var (status, review) = await SendAsAsync(cluster, token, HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            JsonNode.Parse("""{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"team","verb":"list","resource":"pods"}}}"""));
        Assert.Equal(201, status);
        Assert.True(review!["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal(0, cluster.Server.Authorization.Denied);
    }

    [Fact]
    public async Task Kubectl_auth_can_i_as_a_service_account_answers_from_its_bindings()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, PodReaderRole);
        const string robot = "--as=system:serviceaccount:team:robot";
        var first = await cluster.Kubectl.RunAsync("auth", "can-i", robot, "list", "pods", "-n", "team");
        Assert.True(first.Stdout.Trim() == "yes", first.ToString());

        Assert.Equal("yes", (await cluster.Kubectl.RunAsync("auth", "can-i", robot, "list", "pods", "-n", "team")).Stdout.Trim());
        Assert.Equal("yes", (await cluster.Kubectl.RunAsync("auth", "can-i", robot, "get", "pods", "--subresource=log", "-n", "team")).Stdout.Trim());
        Assert.Equal("no", (await cluster.Kubectl.RunAsync("auth", "can-i", robot, "list", "pods", "-n", "default")).Stdout.Trim());
        Assert.Equal("no", (await cluster.Kubectl.RunAsync("auth", "can-i", robot, "delete", "pods", "-n", "team")).Stdout.Trim());
        Assert.Equal("yes", (await cluster.Kubectl.RunAsync("auth", "can-i", robot, "update", "configmaps/settings", "-n", "team")).Stdout.Trim());
        Assert.Equal("no", (await cluster.Kubectl.RunAsync("auth", "can-i", robot, "update", "configmaps/other", "-n", "team")).Stdout.Trim());
        Assert.Equal("yes", (await cluster.Kubectl.RunAsync("auth", "can-i", "list", "secrets", "-A")).Stdout.Trim());
    }

    [Fact]
    public async Task Impersonating_a_service_account_applies_its_permissions_to_the_request()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateAccountWithTokenAsync(cluster, "team", "robot");
        await ApplyAsync(cluster, PodReaderRole);

        var allowed = await cluster.Kubectl.RunAsync("get", "pods", "-n", "team", "--as=system:serviceaccount:team:robot");
        var denied = await cluster.Kubectl.RunAsync("get", "secrets", "-n", "team", "--as=system:serviceaccount:team:robot");

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("Error from server (Forbidden): secrets is forbidden: User \"system:serviceaccount:team:robot\" cannot list resource \"secrets\" in API group \"\" in the namespace \"team\"", denied.Stderr);
    }

    [Fact]
    public async Task A_service_account_may_not_impersonate_without_the_impersonate_verb()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "team", "robot");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/team/pods");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Impersonate-User", "kubernetes-admin");

        using var response = await cluster.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("users \"kubernetes-admin\" is forbidden: User \"system:serviceaccount:team:robot\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
            body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_operator_service_account_of_config_default_may_do_what_its_rules_say_and_nothing_more()
    {
        await using var cluster = await TestCluster.StartAsync();
        var root = VisitCounter.TestSupport.RepositoryPaths.RepositoryRoot;

        await cluster.Kubectl.SucceedAsync("apply", "-k", Path.Combine(root, "config", "default"));

        const string op = "--as=system:serviceaccount:visitcounter-system:visitcounter-operator";
        (string[] Args, string Expected)[] checks =
        [
            (["list", "visitcounterapps.visitcounter.io", "-A"], "yes"),
            (["update", "visitcounterapps.visitcounter.io", "--subresource=status", "-n", "default"], "yes"),
            (["patch", "visitcounterapps.visitcounter.io", "--subresource=status", "-n", "default"], "no"),
            (["create", "statefulsets.apps", "-n", "default"], "yes"),
            (["get", "pods", "--subresource=proxy", "-n", "default"], "yes"),
            (["update", "leases.coordination.k8s.io", "-n", "visitcounter-system"], "yes"),
            (["update", "leases.coordination.k8s.io", "-n", "default"], "no"),
            (["delete", "persistentvolumeclaims", "-n", "default"], "no"),
            (["get", "secrets", "-n", "visitcounter-system"], "no"),
            (["create", "deployments.apps", "-n", "default"], "no"),
        ];
        foreach (var (args, expected) in checks)
        {
            var result = await cluster.Kubectl.RunAsync(["auth", "can-i", op, .. args]);
            Assert.True(result.Stdout.Trim() == expected, $"can-i {string.Join(' ', args)}: expected {expected}; {result}");
        }

        Assert.NotNull(cluster.Server.Store.Get(ApiServer.Resources.ResourceRef.Deployments, "visitcounter-system", "visitcounter-operator"));
    }
}
