using System.Net;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>
/// The API server answered with an error. <see cref="Status"/> is the metav1.Status it sent (or one
/// synthesised from the HTTP status when the body was not a Status). Catch a subclass to handle one case.
/// </summary>
public class KubernetesApiException : Exception
{
    /// <summary>Creates the exception from the server's answer.</summary>
    public KubernetesApiException(HttpStatusCode statusCode, V1Status status, Exception? innerException = null)
        : base(BuildMessage(statusCode, status), innerException)
    {
        ArgumentNullException.ThrowIfNull(status);
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>HTTP status code (for a watch ERROR event, the code inside the Status).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The metav1.Status describing the failure.</summary>
    public V1Status Status { get; }

    /// <summary>The Status reason, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, <c>Expired</c>.</summary>
    public string? Reason => Status.Reason;

    /// <summary>
    /// True when the failure says nothing about the request, only about the server's state at that moment (429, 5xx):
    /// the same request may well succeed later. The client has already retried it (see <c>ClientRetryOptions</c>).
    /// Whether a 409 or a 404 is expected is the caller's business; <see cref="ApiErrors.IsTransient"/> also covers
    /// timeouts and connection failures, which are not API answers.
    /// </summary>
    public virtual bool IsTransient => false;

    private static string BuildMessage(HttpStatusCode statusCode, V1Status status)
    {
        var message = status?.Message;
        return string.IsNullOrEmpty(message)
            ? $"Kubernetes API error {(int)statusCode} {status?.Reason ?? statusCode.ToString()}"
            : $"Kubernetes API error {(int)statusCode} {status?.Reason}: {message}";
    }
}

/// <summary>404: the object (or its namespace or resource type) does not exist.</summary>
public sealed class NotFoundException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status);

/// <summary>409 with reason <c>AlreadyExists</c>: a create collided with an existing name.</summary>
public sealed class AlreadyExistsException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status);

/// <summary>409 <c>Conflict</c>: the resourceVersion (or a precondition) was stale; re-read and retry.</summary>
public sealed class ConflictException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status);

/// <summary>422 <c>Invalid</c>: the object failed validation; <see cref="Causes"/> name the fields.</summary>
public sealed class InvalidException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status)
{
    /// <summary>Field-level causes (<c>field</c>, <c>reason</c>, <c>message</c>).</summary>
    public IReadOnlyList<V1StatusCause> Causes => Status.Details?.Causes?.ToArray() ?? [];
}

/// <summary>410 <c>Gone</c>/<c>Expired</c>: the requested resourceVersion is too old; relist.</summary>
public sealed class GoneException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status);

/// <summary>403: authenticated but not allowed (RBAC).</summary>
public sealed class ForbiddenException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status);

/// <summary>401: missing or rejected credentials.</summary>
public sealed class UnauthorizedException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status);

/// <summary>5xx, 429 Too Many Requests or 504 timeout: transient; retry with backoff.</summary>
public sealed class ServerErrorException(HttpStatusCode statusCode, V1Status status) : KubernetesApiException(statusCode, status)
{
    /// <inheritdoc />
    public override bool IsTransient => true;

    /// <summary>The server's hint: the <c>Retry-After</c> header, else the Status' <c>retryAfterSeconds</c>.</summary>
    public TimeSpan? RetryAfter => Status.Details?.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
