using System.Net;
using System.Text.RegularExpressions;
using VisitCounter.Kube.Client;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// Sorts API failures by who can fix them. Transient: 429 (with its Retry-After), 5xx, timeouts, connection failures,
/// 409 and 404 (an object being replaced or deleted, a namespace going away). For a person: 403 (the RBAC rule that is
/// missing, verb and resource named), 422 (the server's own message) and other 4xx. Pure; nothing here does I/O.
/// </summary>
public static partial class ApiErrorClassifier
{
    /// <summary>The kind of <paramref name="error"/>, or null when it is not an API or transport failure (a bug: let it surface).</summary>
    public static ApiErrorKind? Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            ConflictException or AlreadyExistsException => new ApiErrorKind.Transient($"409 Conflict: {error.Message}", null),
            NotFoundException => new ApiErrorKind.Transient($"404 NotFound: {error.Message}", null),
            ServerErrorException server => new ApiErrorKind.Transient($"{(int)server.StatusCode} {server.Reason ?? server.StatusCode.ToString()}: {server.Message}", server.RetryAfter),

            // A namespace being deleted refuses new objects with 403; it resolves itself.
            ForbiddenException forbidden when forbidden.Message.Contains("being terminated", StringComparison.Ordinal) =>
                new ApiErrorKind.Transient($"403 namespace terminating: {forbidden.Message}", null),
            ForbiddenException forbidden => new ApiErrorKind.NeedsPerson(Forbidden(forbidden.Message)),

            // Credentials expire and are reloaded (token rotation); a lasting 401 shows in the logs of every retry.
            UnauthorizedException => new ApiErrorKind.Transient($"401 Unauthorized: {error.Message}", null),
            InvalidException invalid => new ApiErrorKind.NeedsPerson(new Problem("Invalid", $"The API server rejected a child of this app: {invalid.Message}")),
            KubernetesApiException api when (int)api.StatusCode is 408 or 429 || (int)api.StatusCode >= 500 =>
                new ApiErrorKind.Transient($"{(int)api.StatusCode}: {api.Message}", null),
            KubernetesApiException api => new ApiErrorKind.NeedsPerson(new Problem("ApiRejected", $"The API server refused a request with {(int)api.StatusCode} {api.StatusCode}: {api.Message}")),
            HttpRequestException or TimeoutException or IOException => new ApiErrorKind.Transient($"connection: {error.Message}", null),
            TaskCanceledException => new ApiErrorKind.Transient("request timed out", null),
            _ => null,
        };
    }

    /// <summary>The problem of a 403, naming the verb and resource the operator's RBAC lacks when the message says them.</summary>
    public static Problem Forbidden(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = RbacMessage().Match(message);
        if (!match.Success)
        {
            return new Problem("Forbidden", $"The operator is not allowed to do its work: {message}. Check its ClusterRole (config/rbac/role.yaml).");
        }

        var group = match.Groups["group"].Value;
        var resource = group.Length == 0 ? match.Groups["resource"].Value : $"{match.Groups["resource"].Value}.{group}";
        return new Problem(
            "Forbidden",
            $"The operator's RBAC does not allow '{match.Groups["verb"].Value}' on '{resource}'; add the verb to its ClusterRole (config/rbac/role.yaml). The server said: {message}");
    }

    [GeneratedRegex("""cannot (?<verb>[a-z]+) resource "(?<resource>[^"]+)"(?: in API group "(?<group>[^"]*)")?""", RegexOptions.CultureInvariant)]
    private static partial Regex RbacMessage();
}
