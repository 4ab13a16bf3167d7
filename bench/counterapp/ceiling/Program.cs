using System.Globalization;
using System.Net;
using VisitCounter.Bench.Ceiling;

// An in-memory visit counter on the same Kestrel setup as counter-app: what HTTP alone costs.
int port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "8080", CultureInfo.InvariantCulture);
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});
builder.Services.AddSingleton<InMemoryCounter>();

WebApplication app = builder.Build();
app.MapGet("/", (InMemoryCounter counter) =>
{
    long visit = counter.Next();
    string now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    return Results.Content(
        $"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ceiling: visit {visit}</title></head>\n" +
        $"<body><h1>Hello from ceiling</h1><p>You are visit number <strong id=\"visits\">{visit}</strong> of this pod.</p>" +
        $"<p><time datetime=\"{now}\">{now}</time></p></body>\n</html>\n",
        "text/html; charset=utf-8");
});
app.MapGet("/visits", (InMemoryCounter counter) => Results.Text($"{counter.Current}\n"));
await app.RunAsync();
