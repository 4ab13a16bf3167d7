using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Client;

public sealed class ErrorMappingTests : ClientTestBase
{
    public static TheoryData<int, string, Type> StatusCases => new()
    {
        { 404, "NotFound", typeof(NotFoundException) },
        { 409, "AlreadyExists", typeof(AlreadyExistsException) },
        { 409, "Conflict", typeof(ConflictException) },
        { 422, "Invalid", typeof(InvalidException) },
        { 410, "Gone", typeof(GoneException) },
        { 403, "Forbidden", typeof(ForbiddenException) },
        { 401, "Unauthorized", typeof(UnauthorizedException) },
        { 500, "InternalError", typeof(ServerErrorException) },
        { 503, "ServiceUnavailable", typeof(ServerErrorException) },
        { 429, "TooManyRequests", typeof(ServerErrorException) },
        { 504, "Timeout", typeof(ServerErrorException) },
        { 400, "BadRequest", typeof(KubernetesApiException) },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public async Task A_Status_error_from_the_server_becomes_the_typed_exception(int code, string reason, Type expected)
    {
        Server.Intercept = async context =>
        {
            await FakeApiServer.WriteStatusAsync(context, code, reason, $"message for {reason}");
            return true;
        };

        // Create, not Get: Get turns 404 into null by design.
        var error = await Assert.ThrowsAnyAsync<KubernetesApiException>(
            () => Client.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "a" } }));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, (int)error.StatusCode);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"message for {reason}", error.Status.Message);
        Assert.Contains($"message for {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_exposes_the_field_causes()
    {
        Server.Intercept = async context =>
        {
            var status = FakeApiServer.StatusObject(422, "Invalid", "VisitCounterApp.visitcounter.io \"web\" is invalid: spec.replicas: Invalid value: -1: must be >= 0");
            status["details"] = new JsonObject
            {
                ["name"] = "web",
                ["group"] = "visitcounter.io",
                ["kind"] = "VisitCounterApp",
                ["causes"] = new JsonArray(
                    new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = "Invalid value: -1: must be >= 0", ["field"] = "spec.replicas" },
                    new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = "Required value", ["field"] = "spec.image" }),
            };
            await FakeApiServer.WriteJsonAsync(context, 422, status);
            return true;
        };

        var error = await Assert.ThrowsAsync<InvalidException>(() => Client.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "web" } }));

        Assert.Equal(["spec.replicas", "spec.image"], error.Causes.Select(c => c.Field));
        Assert.Equal("FieldValueInvalid", error.Causes[0].Reason);
        Assert.Equal("web", error.Status.Details!.Name);
    }

    [Fact]
    public async Task A_non_Status_error_body_is_kept_in_the_message()
    {
        Server.Intercept = async context =>
        {
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>bad gateway from proxy</html>");
            return true;
        };

        var error = await Assert.ThrowsAsync<ServerErrorException>(() => Client.ListAsync<V1Pod>("default"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("bad gateway from proxy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_raises_TimeoutException()
    {
        using var slowClient = new KubernetesClient(new KubernetesClientConfiguration
        {
            Host = Server.BaseAddress.ToString(),
            RequestTimeout = TimeSpan.FromMilliseconds(200),
        });
        var release = new TaskCompletionSource();
        Server.Intercept = async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            return true;
        };

        try
        {
            await Assert.ThrowsAsync<TimeoutException>(() => slowClient.ListAsync<V1Pod>("default"));
        }
        finally
        {
            release.SetResult();
        }
    }
}
