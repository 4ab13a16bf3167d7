using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Server.Support;
using static VisitCounter.LocalCluster.Tests.Server.Auth.ServiceAccountAccess;

namespace VisitCounter.LocalCluster.Tests.Server.Auth;

/// <summary>TokenRequest and authenticating with the tokens it returns.</summary>
public sealed class ServiceAccountTokenTests
{
    [Fact]
    public async Task Token_request_returns_a_jwt_with_the_service_account_claims()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web" } });
        var account = cluster.Server.Store.Get(ApiServer.Resources.ResourceRef.ServiceAccounts, "default", "web")!;

        var (status, review, _) = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/web/token",
            JsonNode.Parse("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":["https://kubernetes.default.svc.cluster.local","vault"],"expirationSeconds":1200}}"""));

        Assert.Equal(201, status);
        Assert.Equal(1200, review["spec"]!["expirationSeconds"]!.GetValue<long>());
        var expires = DateTimeOffset.Parse(review["status"]!["expirationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(21));
        var payload = Payload(review["status"]!["token"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:default:web", payload["sub"]!.GetValue<string>());
        Assert.Equal("https://kubernetes.default.svc.cluster.local", payload["iss"]!.GetValue<string>());
        Assert.Equal(["https://kubernetes.default.svc.cluster.local", "vault"], payload["aud"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("default", payload["kubernetes.io"]!["namespace"]!.GetValue<string>());
        Assert.Equal(account["metadata"]!["uid"]!.GetValue<string>(), payload["kubernetes.io"]!["serviceaccount"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_for_a_missing_account_is_404_and_a_short_lifetime_is_invalid()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateAccountWithTokenAsync(cluster, "default", "web");

        var (missing, _, _) = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/nosuch/token", JsonNode.Parse("""{"spec":{}}"""));
        var (tooShort, body, _) = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/web/token",
            JsonNode.Parse("""{"spec":{"expirationSeconds":60}}"""));

        Assert.Equal(404, missing);
        Assert.Equal(422, tooShort);
        Assert.Contains("may not specify a duration less than 10 minutes", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_authenticates_as_its_account_until_the_account_is_deleted()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "default", "web");

        var (before, review) = await SendAsAsync(cluster, token, HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
            JsonNode.Parse("""{"spec":{"namespace":"default"}}"""));
        await cluster.Kubectl.SucceedAsync("delete", "serviceaccount", "web");
        var (afterDelete, _) = await SendAsAsync(cluster, token, HttpMethod.Get, "/version");
        await cluster.Kubectl.SucceedAsync("create", "serviceaccount", "web");
        var (afterRecreate, _) = await SendAsAsync(cluster, token, HttpMethod.Get, "/version");

        Assert.Equal(201, before);
        Assert.Contains(review!["status"]!["resourceRules"]!.AsArray(), r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "selfsubjectaccessreviews"));
        Assert.Equal(401, afterDelete);
        Assert.Equal(401, afterRecreate);
    }

    [Fact]
    public async Task A_pod_bound_token_stops_working_when_the_pod_is_gone()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateAccountWithTokenAsync(cluster, "default", "web");
        await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", JsonNode.Parse(
            """{"metadata":{"name":"web-0"},"spec":{"serviceAccountName":"web","containers":[{"name":"c","image":"nginx:1.27"}]}}"""));
        var issued = cluster.Server.ServiceAccountTokens.Issue("default", "web", podName: "web-0");

        var (whilePodExists, _) = await SendAsAsync(cluster, issued.Token, HttpMethod.Get, "/version");
        await cluster.Kubectl.SucceedAsync("delete", "pod", "web-0");
        var (afterPodDeleted, _) = await SendAsAsync(cluster, issued.Token, HttpMethod.Get, "/version");

        Assert.Equal("web-0", issued.Claims.Pod?.Name);
        Assert.Equal(200, whilePodExists);
        Assert.Equal(401, afterPodDeleted);
    }

    [Fact]
    public async Task A_tampered_token_is_unauthorized()
    {
        await using var cluster = await TestCluster.StartAsync();
        var token = await CreateAccountWithTokenAsync(cluster, "default", "web");
        var parts = token.Split('.');
        var forged = parts[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes(Payload(token).ToJsonString().Replace("\"web\"", "\"admin\"", StringComparison.Ordinal)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[2];

        Assert.Equal(401, (await SendAsAsync(cluster, forged, HttpMethod.Get, "/version")).Status);
    }

    private static JsonObject Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part += new string('=', (4 - (part.Length % 4)) % 4);
        return JsonNode.Parse(Convert.FromBase64String(part))!.AsObject();
    }
}
