using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.CounterApp.Configuration;
using VisitCounter.CounterApp.Counting;
using VisitCounter.CounterApp.Hosting;
using VisitCounter.CounterApp.Metrics;
using VisitCounter.CounterApp.Tests.Support;

namespace VisitCounter.CounterApp.Tests.Http;

public sealed class EndpointContractTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly List<WebApplication> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (WebApplication app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Root_records_a_visit_and_answers_html_with_pod_and_number()
    {
        HttpClient client = await StartAsync();

        HttpResponseMessage first = await client.GetAsync(new Uri("/", UriKind.Relative));
        HttpResponseMessage second = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        string html = await second.Content.ReadAsStringAsync();
        Assert.Contains("Hello from web-0", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"visits\">2</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"20", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"visits\">1</strong>", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_answers_json_with_this_visits_number()
    {
        HttpClient client = await StartAsync();
        await client.GetAsync(new Uri("/", UriKind.Relative));

        HttpResponseMessage response = await SendAsync(client, "/", "application/json");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"pod":"web-0","visits":2}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Root_answers_one_line_of_text_when_asked()
    {
        HttpClient client = await StartAsync();

        HttpResponseMessage response = await SendAsync(client, "/", "text/plain");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("web-0: visit 1 at 20", text, StringComparison.Ordinal);
        Assert.EndsWith("Z\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visits_answers_the_count_and_records_nothing()
    {
        HttpClient client = await StartAsync();
        for (int i = 0; i < 3; i++)
        {
            await client.GetAsync(new Uri("/", UriKind.Relative));
        }

        HttpResponseMessage plain = await SendAsync(client, "/visits", "*/*");
        HttpResponseMessage json = await SendAsync(client, "/visits", "application/json");
        HttpResponseMessage again = await SendAsync(client, "/visits", "text/plain");

        Assert.Equal("text/plain", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3\n", await plain.Content.ReadAsStringAsync());
        Assert.Equal("""{"pod":"web-0","visits":3}""", await json.Content.ReadAsStringAsync());
        Assert.Equal("3\n", await again.Content.ReadAsStringAsync());
        Assert.Equal("3", File.ReadAllText(_dir.VisitsFile).Trim());
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok_when_storage_works()
    {
        HttpClient client = await StartAsync();

        HttpResponseMessage health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        HttpResponseMessage ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready\n", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_expose_the_count_requests_by_route_and_latency_histograms()
    {
        HttpClient client = await StartAsync();
        await client.GetAsync(new Uri("/", UriKind.Relative));
        await client.GetAsync(new Uri("/", UriKind.Relative));
        await client.GetAsync(new Uri("/visits", UriKind.Relative));
        await client.GetAsync(new Uri("/nope", UriKind.Relative));

        HttpResponseMessage response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        string metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("visitcounter_visits_total{pod=\"web-0\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_http_requests_total{route=\"/\",code=\"200\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_http_requests_total{route=\"/visits\",code=\"200\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_http_requests_total{route=\"unmatched\",code=\"404\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_http_request_duration_seconds_bucket{route=\"/\",le=\"+Inf\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_http_request_duration_seconds_count{route=\"/\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE visitcounter_http_request_duration_seconds histogram\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_commit_batch_visits_sum 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("visitcounter_storage_ready{pod=\"web-0\"} 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_storage_answers_503_with_the_reason_and_readiness_false_and_counts_nothing()
    {
        var store = new RecordingStore();
        var committer = new GroupCommitter(store, 5, new CommitMetrics(), NullLogger<GroupCommitter>.Instance);
        HttpClient client = await StartAsync(services => services.Replace(ServiceDescriptor.Singleton<IVisitCounter>(committer)));
        store.FailWith(new IOException("No space left on device"));

        HttpResponseMessage html = await client.GetAsync(new Uri("/", UriKind.Relative));
        HttpResponseMessage json = await SendAsync(client, "/", "application/json");
        HttpResponseMessage ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        HttpResponseMessage visits = await client.GetAsync(new Uri("/visits", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, html.StatusCode);
        Assert.Contains("No space left on device", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(html.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, json.StatusCode);
        using JsonDocument error = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Contains("No space left on device", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("No space left on device", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("5\n", await visits.Content.ReadAsStringAsync());

        store.FailWith(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        Assert.Equal(6, (await (await SendAsync(client, "/", "application/json")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visits").GetInt64());
    }

    [Fact]
    public async Task Corrupt_file_refuses_visits_and_readiness_but_stays_alive()
    {
        File.WriteAllText(_dir.VisitsFile, "not a number\n");
        HttpClient client = await StartAsync();

        HttpResponseMessage visit = await client.GetAsync(new Uri("/", UriKind.Relative));
        HttpResponseMessage count = await SendAsync(client, "/visits", "application/json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, visit.StatusCode);
        Assert.Contains("corrupt", await visit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, count.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal("not a number\n", File.ReadAllText(_dir.VisitsFile));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return client.SendAsync(request);
    }

    private async Task<HttpClient> StartAsync(Action<IServiceCollection>? services = null)
    {
        var settings = new CounterAppSettings(0, null, _dir.VisitsFile, "web-0", CorruptFilePolicy.Refuse, LogRequests: false, JsonLogs: false);
        WebApplication app = CounterAppHost.Build(settings, builder =>
        {
            builder.WebHost.UseTestServer();
            services?.Invoke(builder.Services);
        });
        _apps.Add(app);
        await app.StartAsync();
        return app.GetTestClient();
    }
}
