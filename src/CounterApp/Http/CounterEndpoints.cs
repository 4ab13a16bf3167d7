using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using VisitCounter.CounterApp.Configuration;
using VisitCounter.CounterApp.Counting;
using VisitCounter.CounterApp.Metrics;

namespace VisitCounter.CounterApp.Http;

/// <summary>The app's HTTP surface.</summary>
public static class CounterEndpoints
{
    private const string RetryAfterSeconds = "5";

    /// <summary>Maps <c>/</c>, <c>/visits</c>, <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public static WebApplication MapCounterEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", RecordVisitAsync);
        app.MapGet("/visits", GetVisits);
        app.MapGet("/healthz", () => TypedResults.Text("ok\n", ContentNegotiation.ContentTypeOf(ResponseFormat.PlainText)));
        app.MapGet("/readyz", CheckReadinessAsync);
        app.MapGet("/metrics", GetMetrics);
        return app;
    }

    /// <summary>Records a visit; answers only once it is durable, with this visit's number.</summary>
    private static async Task RecordVisitAsync(
        HttpContext context, IVisitCounter counter, CounterAppSettings settings, VisitPage page, TimeProvider clock)
    {
        ResponseFormat format = ContentNegotiation.Choose(context.Request.Headers.Accept, ResponseFormat.Html, ResponseFormat.PlainText, ResponseFormat.Json);
        long visit;
        try
        {
            visit = await counter.RecordVisitAsync(context.RequestAborted);
        }
        catch (StorageUnavailableException ex)
        {
            await Unavailable(context, settings.PodName, $"visit not recorded: {ex.Message}", format).ExecuteAsync(context);
            return;
        }

        if (format == ResponseFormat.Json)
        {
            await context.Response.WriteAsJsonAsync(new VisitCount(settings.PodName, visit), CounterJsonContext.Default.VisitCount, cancellationToken: context.RequestAborted);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(page.MaxLength);
        try
        {
            DateTimeOffset now = clock.GetUtcNow();
            int length = format == ResponseFormat.Html ? page.WriteHtml(buffer, visit, now) : page.WritePlainText(buffer, visit, now);
            context.Response.ContentType = ContentNegotiation.ContentTypeOf(format);
            context.Response.ContentLength = length;
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Answers the durable count; records nothing.</summary>
    private static IResult GetVisits(HttpContext context, IVisitCounter counter, CounterAppSettings settings)
    {
        ResponseFormat format = ContentNegotiation.Choose(context.Request.Headers.Accept, ResponseFormat.PlainText, ResponseFormat.Json);
        CounterStatus status = counter.Status;
        if (status.Visits is not { } visits)
        {
            return Unavailable(context, settings.PodName, $"count unavailable: {status.Problem}", format);
        }

        return format == ResponseFormat.Json
            ? TypedResults.Json(new VisitCount(settings.PodName, visits), CounterJsonContext.Default.VisitCount)
            : TypedResults.Text($"{visits}\n", ContentNegotiation.ContentTypeOf(format));
    }

    /// <summary>Ready when the count is loaded, a flush to storage succeeds now, and the app is not shutting down.</summary>
    private static async Task<IResult> CheckReadinessAsync(IVisitCounter counter, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        string contentType = ContentNegotiation.ContentTypeOf(ResponseFormat.PlainText);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return TypedResults.Text("not ready: shutting down\n", contentType, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        CounterStatus status = await counter.ProbeAsync(cancellationToken);
        return status.IsHealthy
            ? TypedResults.Text("ready\n", contentType)
            : TypedResults.Text($"not ready: {status.Problem}\n", contentType, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Prometheus text exposition of the count, requests and commits.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult GetMetrics(IVisitCounter counter, CounterAppSettings settings, HttpMetrics http, CommitMetrics commits)
    {
        var output = new StringBuilder(4096);
        PrometheusText.WriteCounter(output, counter.Status, settings.PodName);
        http.WriteTo(output);
        commits.WriteTo(output);
        return TypedResults.Text(output.ToString(), PrometheusText.ContentType);
    }

    private static IResult Unavailable(HttpContext context, string pod, string message, ResponseFormat format)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return format == ResponseFormat.Json
            ? TypedResults.Json(new ErrorBody(pod, message), CounterJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Text($"{message}\n", ContentNegotiation.ContentTypeOf(ResponseFormat.PlainText), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
