using System.Net;
using System.Security.Authentication;
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

    /// <summary>
    /// True for a failure that is the server's or the network's momentary state, not a fault of the request: 429 and 5xx
    /// answers (<see cref="KubernetesApiException.IsTransient"/>), the client's <see cref="TimeoutException"/>, and
    /// connection failures (<see cref="HttpRequestException"/>, <see cref="IOException"/>) except a rejected server
    /// certificate, which needs a person. These reach a caller only after the client's own retries gave up.
    /// Deliberately generic: whether a 409 Conflict or a 404 is expected depends on what the caller was doing.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        KubernetesApiException api => api.IsTransient,
        TimeoutException => true,
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException or IOException => true,
        _ => false,
    };

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
