using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// A create that nothing stores (TokenRequest, the access reviews): kube-apiserver answers such a POST with 201 and
/// the request echoed back (kind, apiVersion, metadata, spec) with its <c>status</c> filled in.
/// </summary>
/// <param name="Body">The posted object.</param>
/// <param name="Spec">Its <c>spec</c> (empty when absent).</param>
internal sealed record EphemeralRequest(JsonObject Body, JsonObject Spec)
{
    /// <summary>Reads the posted <paramref name="kind"/>; 400 when the body is no JSON object.</summary>
    public static async Task<EphemeralRequest> ReadAsync(HttpContext context, string kind)
    {
        var body = await HttpJson.ReadBodyAsync(context) as JsonObject ?? throw ApiException.BadRequest($"the request body must be a {kind}");
        return new EphemeralRequest(body, body["spec"] as JsonObject ?? []);
    }

    /// <summary>Answers 201 with the object as the server returns it.</summary>
    public static Task RespondAsync(HttpContext context, string kind, string apiVersion, JsonObject metadata, JsonObject spec, JsonObject status) =>
        HttpJson.WriteAsync(context, 201, new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = apiVersion,
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = status,
        });
}
