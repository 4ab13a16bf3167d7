using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisitCounter.CounterApp.Configuration;
using VisitCounter.CounterApp.Counting;
using VisitCounter.CounterApp.Http;
using VisitCounter.CounterApp.Metrics;
using VisitCounter.CounterApp.Storage;

namespace VisitCounter.CounterApp.Hosting;

/// <summary>Builds the counter app: logging, Kestrel, storage, endpoints, and the start and shutdown log lines.</summary>
public static class CounterAppHost
{
    private const string LogCategory = "VisitCounter.CounterApp";

    /// <summary>
    /// Builds the app for <paramref name="settings"/> and opens the visits file. <paramref name="configure"/>
    /// runs last before the build, so tests can swap the server (TestServer) or services.
    /// </summary>
    public static WebApplication Build(CounterAppSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(builder.Logging, settings);
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, settings));
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, CounterJsonContext.Default));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new VisitPage(settings.PodName));
        builder.Services.AddSingleton<HttpMetrics>();
        builder.Services.AddSingleton<CommitMetrics>();
        builder.Services.AddSingleton(OpenCounter);
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.MapCounterEndpoints();
        LogLifecycle(app, settings);
        return app;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, CounterAppSettings settings)
    {
        logging.ClearProviders();
        if (settings.JsonLogs)
        {
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        // The framework logs a line per request at Information; the pod log keeps one line per event.
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
    }

    private static void Listen(KestrelServerOptions kestrel, CounterAppSettings settings)
    {
        kestrel.AddServerHeader = false;
        if (settings.BindAddress is { } address)
        {
            kestrel.Listen(address, settings.Port);
        }
        else
        {
            // Dual-stack when the node has IPv6, IPv4 only when it does not.
            kestrel.ListenAnyIP(settings.Port);
        }
    }

    private static IVisitCounter OpenCounter(IServiceProvider services)
    {
        CounterAppSettings settings = services.GetRequiredService<CounterAppSettings>();
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        StoreOpenResult opened = FileVisitStore.Open(settings.VisitsFile, settings.OnCorrupt, logger);
        return opened.IsOpen
            ? new GroupCommitter(opened.Store, opened.Count.Value, services.GetRequiredService<CommitMetrics>(), services.GetRequiredService<ILogger<GroupCommitter>>())
            : new UnavailableCounter(opened.Problem, opened.Count);
    }

    private static void LogLifecycle(WebApplication app, CounterAppSettings settings)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        IHostApplicationLifetime lifetime = app.Lifetime;

        // Open the file now, not on the first request, so that a storage problem shows at start.
        IVisitCounter counter = app.Services.GetRequiredService<IVisitCounter>();
        lifetime.ApplicationStarted.Register(() =>
        {
            CounterStatus status = counter.Status;
            logger.LogInformation(
                "Started pod {Pod} on {Address}:{Port}, VISITS_FILE {VisitsFile}, count {Visits}, accepting visits: {Accepting}",
                settings.PodName, settings.BindAddress?.ToString() ?? "*", settings.Port, settings.VisitsFile,
                (object?)status.Visits ?? "unknown", status.IsHealthy);
        });
        lifetime.ApplicationStopping.Register(() =>
            logger.LogInformation("Shutting down pod {Pod}: no new connections, finishing in-flight visits", settings.PodName));
        lifetime.ApplicationStopped.Register(() =>
            logger.LogInformation("Stopped pod {Pod}; count {Visits} is on disk", settings.PodName, counter.Status.Visits));
    }
}
