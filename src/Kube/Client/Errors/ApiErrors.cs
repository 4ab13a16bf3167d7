using System.Net;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>Maps an HTTP status and metav1.Status to the matching typed exception (pure; unit-tested).</summary>
public static class ApiErrors
{
    /// <summary>Picks the exception type from the code and the Status reason.</summary>
    public static KubernetesApiException ToException(HttpStatusCode statusCode, V1Status? status, string? rawBody = null)
    {
        status ??= Synthesize(statusCode, rawBody);
        return (int)statusCode switch
        {
            404 => new NotFoundException(statusCode, status),
            409 when status.Reason == "AlreadyExists" => new AlreadyExistsException(statusCode, status),
            409 => new ConflictException(statusCode, status),
            422 => new InvalidException(statusCode, status),
            410 => new GoneException(statusCode, status),
            403 => new ForbiddenException(statusCode, status),
            401 => new UnauthorizedException(statusCode, status),
            429 or 504 or >= 500 => new ServerErrorException(statusCode, status),
            _ => new KubernetesApiException(statusCode, status),
        };
    }

    /// <summary>Maps the Status of a watch ERROR event, whose HTTP response was 200, by its <c>code</c>.</summary>
    public static KubernetesApiException FromWatchError(V1Status? status)
    {
        status ??= new V1Status { Status = "Failure", Message = "watch ERROR event without a Status object", Code = 500 };
        var code = status.Code is { } c and > 0 ? (HttpStatusCode)c : HttpStatusCode.InternalServerError;
        if (status.Reason is "Expired" or "Gone")
        {
            code = HttpStatusCode.Gone;
        }

        return ToException(code, status);
    }

    private static V1Status Synthesize(HttpStatusCode statusCode, string? rawBody)
    {
        var body = rawBody?.Trim();
        if (body is { Length: > 500 })
        {
            body = body[..500] + "...";
        }

        return new V1Status
        {
            Status = "Failure",
            Code = (int)statusCode,
            Reason = statusCode.ToString(),
            Message = string.IsNullOrEmpty(body) ? $"the server answered {(int)statusCode} {statusCode}" : body,
        };
    }
}
