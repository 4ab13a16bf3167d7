using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Auth;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// The authorization.k8s.io/v1 reviews: SelfSubjectAccessReview (can I?), SubjectAccessReview (can they?) and
/// SelfSubjectRulesReview (what may I do here?). Each is answered from the same authorizer requests go through,
/// and nothing is stored. <c>kubectl auth can-i</c> sends the first and the last.
/// </summary>
internal sealed class AccessReviewEndpoint(AccessControl access)
{
    public async Task HandleAsync(HttpContext context, ResourceDefinition definition, UserInfo requester)
    {
        var (review, spec) = await EphemeralRequest.ReadAsync(context, definition.Kind);
        JsonObject status;
        if (definition.Ref == ResourceRef.SelfSubjectRulesReviews)
        {
            status = RulesStatus(requester, JsonNodes.AsString(spec["namespace"]) ?? "");
        }
        else
        {
            var subject = definition.Ref == ResourceRef.SubjectAccessReviews ? Subject(spec, definition) : requester;
            var decision = access.Authorize(subject, Attributes(spec, definition));
            status = new JsonObject { ["allowed"] = decision.Allowed };
            if (decision.Reason.Length > 0) status["reason"] = decision.Reason;
        }

        var metadata = (JsonObject)(review["metadata"] as JsonObject ?? []).DeepClone();
        metadata["creationTimestamp"] = null;
        await EphemeralRequest.RespondAsync(context, definition.Kind, definition.Ref.ApiVersion, metadata, (JsonObject)spec.DeepClone(), status);
    }

    private static UserInfo Subject(JsonObject spec, ResourceDefinition definition)
    {
        var user = JsonNodes.AsString(spec["user"]) ?? "";
        var groups = (spec["groups"] as JsonArray ?? []).Select(JsonNodes.AsString).OfType<string>().ToList();
        if (user.Length == 0 && groups.Count == 0)
        {
            throw ApiException.Invalid(definition.Kind, definition.Ref.Group, "",
                [new Validation.FieldError("FieldValueRequired", "spec.user", "Required value: at least one of user or group must be specified")]);
        }

        return new UserInfo(user, JsonNodes.AsString(spec["uid"]) ?? "", groups);
    }

    private static RequestAttributes Attributes(JsonObject spec, ResourceDefinition definition)
    {
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            return new RequestAttributes
            {
                Verb = JsonNodes.AsString(resource["verb"]) ?? "",
                IsResourceRequest = true,
                ApiGroup = JsonNodes.AsString(resource["group"]) ?? "",
                ApiVersion = JsonNodes.AsString(resource["version"]) ?? "",
                Resource = JsonNodes.AsString(resource["resource"]) ?? "",
                Subresource = JsonNodes.AsString(resource["subresource"]) ?? "",
                Namespace = JsonNodes.AsString(resource["namespace"]) ?? "",
                Name = JsonNodes.AsString(resource["name"]) ?? "",
            };
        }

        if (spec["nonResourceAttributes"] is JsonObject path)
        {
            return new RequestAttributes { Verb = JsonNodes.AsString(path["verb"]) ?? "", Path = JsonNodes.AsString(path["path"]) ?? "" };
        }

        throw ApiException.Invalid(definition.Kind, definition.Ref.Group, "",
            [new Validation.FieldError("FieldValueRequired", "spec.resourceAttributes", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified")]);
    }

    private JsonObject RulesStatus(UserInfo user, string ns)
    {
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        var errors = new List<string>();
        IEnumerable<IReadOnlyList<RbacRule>> granted = user.IsMaster
            ? [[new RbacRule(["*"], ["*"], ["*"], [], []), new RbacRule(["*"], [], [], [], ["*"])]]
            : RbacAuthorizer.RulesFor(user, ns, access.Policy(), errors).ToList();
        foreach (var rule in granted.SelectMany(r => r))
        {
            if (rule.NonResourceUrls.Count > 0)
            {
                nonResourceRules.Add((JsonNode)new JsonObject { ["verbs"] = Strings(rule.Verbs), ["nonResourceURLs"] = Strings(rule.NonResourceUrls) });
                continue;
            }

            var entry = new JsonObject { ["verbs"] = Strings(rule.Verbs), ["apiGroups"] = Strings(rule.ApiGroups), ["resources"] = Strings(rule.Resources) };
            if (rule.ResourceNames.Count > 0) entry["resourceNames"] = Strings(rule.ResourceNames);
            resourceRules.Add((JsonNode)entry);
        }

        var status = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = errors.Count > 0 };
        if (errors.Count > 0) status["evaluationError"] = string.Join(", ", errors);
        return status;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
