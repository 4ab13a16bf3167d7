using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using VisitCounter.CounterApp.Configuration;
using VisitCounter.CounterApp.Metrics;

namespace VisitCounter.CounterApp.Http;

/// <summary>Times every request and counts it by route pattern and status code; optionally logs it.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, HttpMetrics metrics, CounterAppSettings settings, ILogger<RequestMetricsMiddleware> logger)
{
    private const string Unmatched = "unmatched";

    /// <summary>Runs the rest of the pipeline and records how it went.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;
            int status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            metrics.Record(route, status, elapsed.TotalSeconds);
            if (settings.LogRequests)
            {
                logger.LogInformation("{Method} {Path} -> {Status} in {Milliseconds:F2} ms", context.Request.Method, context.Request.Path.Value, status, elapsed.TotalMilliseconds);
            }
        }
    }
}
