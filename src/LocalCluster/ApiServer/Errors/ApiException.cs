using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Errors;

/// <summary>
/// A failed API call, carrying exactly the metav1.Status the real API server would answer
/// (apimachinery <c>pkg/api/errors</c>): HTTP code, reason, message and details. The in-process store
/// throws the same exception, so controllers can branch on <see cref="Reason"/> like client-go's
/// <c>errors.IsNotFound</c>.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates an error with the given Status fields.</summary>
    public ApiException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>HTTP status code, repeated in the Status <c>code</c>.</summary>
    public int Code { get; }
    /// <summary>Status reason, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>.</summary>
    public string Reason { get; }
    /// <summary>Status details (name, group, kind, causes), when the real server sends them.</summary>
    public StatusDetails? Details { get; }

    /// <summary>The metav1.Status body.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.ToJson();
        }
        status["code"] = Code;
        return status;
    }

    /// <summary>404 for an object: <c>pods "x" not found</c>.</summary>
    public static ApiException NotFound(ResourceRef resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedResource} \"{name}\" not found", StatusDetails.For(resource, name));

    /// <summary>404 for a path that names nothing the server serves.</summary>
    public static ApiException UnknownPath() =>
        new(404, "NotFound", "the server could not find the requested resource");

    /// <summary>409 AlreadyExists.</summary>
    public static ApiException AlreadyExists(ResourceRef resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedResource} \"{name}\" already exists", StatusDetails.For(resource, name));

    /// <summary>409 Conflict for a stale resourceVersion.</summary>
    public static ApiException StaleResourceVersion(ResourceRef resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>409 Conflict with the given detail (apimachinery <c>NewConflict</c>).</summary>
    public static ApiException Conflict(ResourceRef resource, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": {detail}",
            StatusDetails.For(resource, name));

    /// <summary>422 Invalid with one cause per field error (apimachinery <c>NewInvalid</c>: details.kind is the Kind).</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var aggregate = errors.Count == 1
            ? errors[0].ToString()
            : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var causes = errors.Select(e => new StatusCause(e.Reason, e.Message, e.Field)).ToList();
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {aggregate}",
            new StatusDetails(name, group, kind, null, causes));
    }

    /// <summary>400 BadRequest.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>403 Forbidden.</summary>
    public static ApiException Forbidden(ResourceRef resource, string name, string detail) =>
        new(403, "Forbidden", $"{resource.QualifiedResource} \"{name}\" is forbidden: {detail}", StatusDetails.For(resource, name));

    /// <summary>405 MethodNotAllowed.</summary>
    public static ApiException MethodNotSupported(ResourceRef resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource.QualifiedResource}\"",
            new StatusDetails(null, resource.Group, resource.Resource, null, []));

    /// <summary>415 for a patch type the resource does not accept.</summary>
    public static ApiException UnsupportedMediaType(IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: " + string.Join(", ", accepted));

    /// <summary>410 Expired, as the watch cache reports a resourceVersion older than its window.</summary>
    public static ApiException Expired(long requested, long oldest) =>
        new(410, "Expired", string.Create(CultureInfo.InvariantCulture, $"too old resource version: {requested} ({oldest})"));

    /// <summary>401 Unauthorized.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>500 InternalError.</summary>
    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new StatusDetails(null, null, null, null,
            [new StatusCause("", message, "")]));
}
