using System.Net;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Controller;
using VisitCounter.Operator.Tests.Fakes;

namespace VisitCounter.Operator.Tests.Controller;

/// <summary>API failures sorted by who can fix them: the cluster (retry quietly) or a person (Degraded, one Warning).</summary>
public sealed class ApiErrorTests
{
    private readonly ControllerHarness h = new();

    private static V1Status Status(int code, string reason, string message, int? retryAfterSeconds = null) => new()
    {
        Code = code,
        Reason = reason,
        Message = message,
        Details = retryAfterSeconds is { } s ? new V1StatusDetails { RetryAfterSeconds = s } : null,
    };

    public static TheoryData<Exception> TransientErrors() =>
    [
        new ServerErrorException(HttpStatusCode.InternalServerError, Status(500, "InternalError", "etcd leader changed")),
        new ServerErrorException(HttpStatusCode.ServiceUnavailable, Status(503, "ServiceUnavailable", "the server is currently unable to handle the request")),
        new ServerErrorException(HttpStatusCode.TooManyRequests, Status(429, "TooManyRequests", "too many requests", retryAfterSeconds: 3)),
        new ServerErrorException(HttpStatusCode.GatewayTimeout, Status(504, "Timeout", "the request timed out")),
        new ConflictException(HttpStatusCode.Conflict, Status(409, "Conflict", "the object has been modified")),
        new NotFoundException(HttpStatusCode.NotFound, Status(404, "NotFound", "statefulsets.apps \"web\" not found")),
        new ForbiddenException(HttpStatusCode.Forbidden, Status(403, "Forbidden", "unable to create new content in namespace lab because it is being terminated")),
        new HttpRequestException("Connection reset by peer"),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"),
    ];

    [Theory]
    [MemberData(nameof(TransientErrors))]
    public void Cluster_faults_are_transient(Exception error) =>
        Assert.IsType<ApiErrorKind.Transient>(ApiErrorClassifier.Classify(error));

    [Fact]
    public void A_429_keeps_its_Retry_After()
    {
        var kind = ApiErrorClassifier.Classify(new ServerErrorException(HttpStatusCode.TooManyRequests, Status(429, "TooManyRequests", "slow down", retryAfterSeconds: 7)));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<ApiErrorKind.Transient>(kind).RetryAfter);
    }

    [Fact]
    public void A_403_names_the_verb_and_resource_the_RBAC_lacks()
    {
        var kind = ApiErrorClassifier.Classify(new ForbiddenException(HttpStatusCode.Forbidden, Status(403, "Forbidden",
            "statefulsets.apps \"web\" is forbidden: User \"system:serviceaccount:ops:visitcounter\" cannot patch resource \"statefulsets\" in API group \"apps\" in the namespace \"lab\"")));

        var problem = Assert.IsType<ApiErrorKind.NeedsPerson>(kind).Problem;
        Assert.Equal("Forbidden", problem.Reason);
        Assert.Contains("'patch' on 'statefulsets.apps'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_422_carries_the_servers_message() =>
        Assert.Contains(
            "spec.replicas: Invalid value",
            Assert.IsType<ApiErrorKind.NeedsPerson>(ApiErrorClassifier.Classify(new InvalidException(HttpStatusCode.UnprocessableEntity, Status(422, "Invalid", "StatefulSet.apps \"web\" is invalid: spec.replicas: Invalid value")))).Problem.Message,
            StringComparison.Ordinal);

    [Fact]
    public void A_bug_is_not_classified() => Assert.Null(ApiErrorClassifier.Classify(new InvalidOperationException("bug")));

    [Theory]
    [MemberData(nameof(TransientErrors))]
    public async Task A_transient_fault_is_retried_without_touching_conditions_or_recording_events(Exception error)
    {
        h.Apply(ControllerHarness.NewApp());
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();
        var statusBefore = h.App().Status;
        var eventsBefore = h.Events.Events.Count;
        h.EditSpec(s => s.Replicas = 3);
        h.Client.Fault = (verb, _) => verb == "apply" ? error : null;

        var result = await h.ReconcileAsync();

        Assert.True(result.IsFailure);
        Assert.True(result.IsTransient);
        Assert.Equal(eventsBefore, h.Events.Events.Count);
        Assert.Equal(
            statusBefore!.Conditions!.Select(c => (c.Type, c.Status, c.Reason)),
            h.App().Status!.Conditions!.Select(c => (c.Type, c.Status, c.Reason)));
        Assert.Equal((error as ServerErrorException)?.RetryAfter, result.RequeueAfter);

        h.Client.Fault = null;
        Assert.True((await h.ReconcileAsync()).IsSuccess);
        Assert.Equal(3, h.Client.Find<V1StatefulSet>("web", ControllerHarness.Namespace)!.Spec!.Replicas);
    }

    [Fact]
    public async Task A_rejected_apply_is_Degraded_once_with_the_servers_message_and_clears_when_accepted()
    {
        h.Apply(ControllerHarness.NewApp());
        h.Client.Fault = (verb, kind) => verb == "apply" && kind == "V1StatefulSet"
            ? new InvalidException(HttpStatusCode.UnprocessableEntity, Status(422, "Invalid", "StatefulSet.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value"))
            : null;

        var result = await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.True(result.IsFailure);
        Assert.False(result.IsTransient);
        var degraded = h.App().Status!.Conditions!.Single(c => c.Type == "Degraded");
        Assert.Equal(("True", "Invalid"), (degraded.Status, degraded.Reason));
        Assert.Contains("Required value", degraded.Message, StringComparison.Ordinal);
        Assert.Single(h.Events.Events, e => e.Type == "Warning" && e.Reason == "Invalid");

        h.Client.Fault = null;
        Assert.True((await h.ReconcileAsync()).IsSuccess);
        Assert.Equal("False", h.App().Status!.Conditions!.Single(c => c.Type == "Degraded").Status);
    }
}
