using Microsoft.AspNetCore.Builder;
using VisitCounter.CounterApp.Configuration;
using VisitCounter.CounterApp.Hosting;

// The counter app that runs in every pod of a VisitCounterApp: GET / records a visit durably,
// GET /visits reads the count, /healthz, /readyz and /metrics serve the platform.
// Configured by PORT, BIND_ADDRESS, VISITS_FILE, POD_NAME, VISITS_ON_CORRUPT, LOG_REQUESTS, LOG_FORMAT.
CounterAppSettings settings;
try
{
    settings = CounterAppSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (SettingsException ex)
{
    await Console.Error.WriteLineAsync($"counter-app: configuration error: {ex.Message}");
    return 2;
}

await using WebApplication app = CounterAppHost.Build(settings);

// RunAsync returns after SIGTERM once Kestrel has drained in-flight requests; disposing the app
// then stops the group-commit writer, which flushes the last batch before the process exits.
await app.RunAsync();
return 0;
