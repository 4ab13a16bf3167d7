using System.Net;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Tests.Client;

public sealed class ApiErrorsTests
{
    [Fact]
    public void Watch_error_with_reason_Expired_maps_to_Gone_even_without_a_code()
    {
        var error = ApiErrors.FromWatchError(new V1Status { Status = "Failure", Reason = "Expired", Message = "too old resource version: 1 (5)" });
        var gone = Assert.IsType<GoneException>(error);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public void Watch_error_uses_the_code_inside_the_Status()
    {
        var error = ApiErrors.FromWatchError(new V1Status { Status = "Failure", Reason = "InternalError", Code = 500, Message = "etcd down" });
        Assert.IsType<ServerErrorException>(error);
        Assert.Contains("etcd down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_error_without_a_Status_is_still_an_exception()
    {
        var error = ApiErrors.FromWatchError(null);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public void A_missing_Status_is_synthesised_from_the_code_and_a_truncated_body()
    {
        var error = ApiErrors.ToException(HttpStatusCode.NotFound, null, new string('x', 2000));
        Assert.IsType<NotFoundException>(error);
        Assert.Equal(404, error.Status.Code);
        Assert.True(error.Status.Message!.Length < 600);
    }

    [Fact]
    public void Server_error_exposes_retry_after_from_details()
    {
        var error = ApiErrors.ToException(HttpStatusCode.TooManyRequests, new V1Status { Details = new V1StatusDetails { RetryAfterSeconds = 3 } });
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.IsType<ServerErrorException>(error).RetryAfter);
    }
}
