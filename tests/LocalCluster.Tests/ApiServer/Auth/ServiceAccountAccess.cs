using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Auth;

/// <summary>Creates service accounts and RBAC objects with the admin token, and sends requests as a service account.</summary>
internal static class ServiceAccountAccess
{
    public static async Task<string> CreateAccountWithTokenAsync(TestCluster cluster, string ns, string name)
    {
        if (ns != "default")
        {
            await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        var (created, body, _) = await cluster.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts",
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        Assert.True(created == 201, body.ToJsonString());
        var (status, review, _) = await cluster.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts/{name}/token",
            new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenRequest", ["spec"] = new JsonObject() });
        Assert.True(status == 201, review.ToJsonString());
        return review["status"]!["token"]!.GetValue<string>();
    }

    public static async Task ApplyAsync(TestCluster cluster, string yaml)
    {
        var file = Path.Combine(cluster.DataDirectory, $"rbac-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await cluster.Kubectl.SucceedAsync("apply", "-f", file);
    }

    public static Task<(int Status, JsonObject? Body)> SendAsAsync(TestCluster cluster, string token, HttpMethod method, string path, JsonNode? body = null) =>
        SendAsAsync(cluster, token, method, path, body, "application/json");

    /// <summary>A server-side apply (PATCH with <c>application/apply-patch+yaml</c>; JSON is YAML) as the token's account.</summary>
    public static Task<(int Status, JsonObject? Body)> ApplyAsAsync(TestCluster cluster, string token, string path, JsonNode body) =>
        SendAsAsync(cluster, token, HttpMethod.Patch, path, body, "application/apply-patch+yaml");

    private static async Task<(int Status, JsonObject? Body)> SendAsAsync(TestCluster cluster, string token, HttpMethod method, string path, JsonNode? body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType);
        using var response = await cluster.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)!.AsObject() : null);
    }
}
