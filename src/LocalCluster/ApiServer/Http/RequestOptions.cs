using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>Reads the query parameters and DeleteOptions bodies of API requests.</summary>
internal static class RequestOptions
{
    public static WriteOptions Write(HttpContext context)
    {
        var query = context.Request.Query;
        return new WriteOptions(
            DryRun: IsDryRun(query["dryRun"]),
            FieldManager: FieldManager(context),
            FieldValidation: FieldValidationOf(query["fieldValidation"]),
            Force: Bool(query["force"]) ?? false);
    }

    /// <summary>The fieldManager parameter, or the User-Agent up to its first '/' as the real server defaults it.</summary>
    public static string FieldManager(HttpContext context)
    {
        var explicitManager = context.Request.Query["fieldManager"].ToString();
        if (explicitManager.Length > 0) return explicitManager;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash >= 0 ? userAgent[..slash] : userAgent;
        return prefix.Length > 0 ? prefix : "unknown";
    }

    /// <summary>The manager for apply: only the explicit parameter counts (server-side apply requires one).</summary>
    public static string? ExplicitFieldManager(HttpContext context) =>
        context.Request.Query["fieldManager"].ToString() is { Length: > 0 } manager ? manager : null;

    private static FieldValidation FieldValidationOf(string? value) => value switch
    {
        null or "" or "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        "Ignore" => FieldValidation.Ignore,
        _ => throw ApiException.Invalid("PatchOptions", "meta.k8s.io", "",
            [new FieldError("FieldValueNotSupported", "fieldValidation",
                $"Unsupported value: \"{value}\": supported values: \"Ignore\", \"Strict\", \"Warn\"")]),
    };

    public static bool IsDryRun(string? value) => value is not null && value.Split(',').Contains("All");

    public static bool? Bool(string? value) => value switch
    {
        null or "" => null,
        "true" or "1" or "True" => true,
        "false" or "0" or "False" => false,
        _ => throw ApiException.BadRequest($"invalid boolean value {value}"),
    };

    public static long? Long(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw ApiException.BadRequest($"{name}: Invalid value: \"{value}\": must be an integer");

    /// <summary>metav1.DeleteOptions from the body (kubectl sends one) merged with query parameters.</summary>
    public static async Task<DeleteOptions> DeleteAsync(HttpContext context)
    {
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await HttpJson.ReadBodyAsync(context);
        }
        return Delete(body, context.Request.Query);
    }

    /// <summary>metav1.DeleteOptions from a JSON object (a DELETE body, or an Eviction's deleteOptions) merged with query parameters.</summary>
    public static DeleteOptions Delete(JsonNode? body, IQueryCollection query)
    {
        var policyText = body?["propagationPolicy"]?.GetValue<string>() ?? query["propagationPolicy"].ToString();
        PropagationPolicy? policy = policyText switch
        {
            "" => body?["orphanDependents"]?.GetValue<bool>() == true ? PropagationPolicy.Orphan : null,
            "Background" => PropagationPolicy.Background,
            "Foreground" => PropagationPolicy.Foreground,
            "Orphan" => PropagationPolicy.Orphan,
            _ => throw ApiException.Invalid("DeleteOptions", "meta.k8s.io", "",
                [new FieldError("FieldValueNotSupported", "propagationPolicy",
                    $"Unsupported value: \"{policyText}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]),
        };
        var dryRun = IsDryRun(query["dryRun"]) ||
                     (body?["dryRun"] as JsonArray)?.Any(d => d?.GetValue<string>() == "All") == true;
        var grace = Patching.JsonNodes.AsInteger(body?["gracePeriodSeconds"]) ?? Long(query["gracePeriodSeconds"], "gracePeriodSeconds");
        return new DeleteOptions(
            PropagationPolicy: policy,
            PreconditionUid: body?["preconditions"]?["uid"]?.GetValue<string>(),
            PreconditionResourceVersion: body?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            GracePeriodSeconds: grace,
            DryRun: dryRun);
    }
}
