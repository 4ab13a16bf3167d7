using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Auth;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary><c>POST serviceaccounts/NAME/token</c>: an authentication.k8s.io/v1 TokenRequest in, the same with <c>status.token</c> out.</summary>
internal sealed class TokenRequestEndpoint(ServiceAccountTokens tokens)
{
    public async Task HandleAsync(HttpContext context, string ns, string name)
    {
        var (_, spec) = await EphemeralRequest.ReadAsync(context, "TokenRequest");
        var audiences = (spec["audiences"] as JsonArray ?? []).Select(JsonNodes.AsString).OfType<string>().ToList();
        var seconds = JsonNodes.AsInteger(spec["expirationSeconds"]);
        var boundPod = JsonNodes.AsString(spec["boundObjectRef"]?["kind"]) == "Pod" ? JsonNodes.AsString(spec["boundObjectRef"]?["name"]) : null;
        var issued = tokens.Issue(ns, name, audiences, seconds is { } s ? TimeSpan.FromSeconds(s) : null, boundPod);

        var responseSpec = (JsonObject)spec.DeepClone();
        responseSpec["audiences"] = new JsonArray(issued.Claims.Audiences.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
        responseSpec["expirationSeconds"] = seconds ?? (long)ServiceAccountTokens.DefaultLifetime.TotalSeconds;
        if (issued.Claims.Pod is { } pod && responseSpec["boundObjectRef"] is JsonObject bound) bound["uid"] = pod.Uid;
        await EphemeralRequest.RespondAsync(context, "TokenRequest", "authentication.k8s.io/v1",
            new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = null },
            responseSpec,
            new JsonObject { ["token"] = issued.Token, ["expirationTimestamp"] = Meta.Timestamp(issued.Claims.ExpiresAt) });
    }
}
