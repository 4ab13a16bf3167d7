using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Operator.Tests.Visits;

public sealed class VisitsReaderTests
{
    [Theory]
    [InlineData("74\n", 74L)]
    [InlineData("""{"pod":"web-0","visits":12}""", 12L)]
    [InlineData("""{"pod":"web-0"}""", null)]
    [InlineData("""{"visits":-3}""", null)]
    [InlineData("<html>oops</html>", null)]
    [InlineData("", null)]
    public void Visits_response_is_read_from_json_or_plain_text(string body, long? expected) =>
        Assert.Equal(expected, VisitsResponse.Parse(body));

    [Fact]
    public async Task Direct_reader_asks_the_pod_for_json_and_treats_a_hung_pod_as_not_answering()
    {
        await using var answering = await StartPodAsync(async context =>
        {
            var wantsJson = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
            context.Response.StatusCode = context.Request.Path == "/visits" && wantsJson ? 200 : 406;
            await context.Response.WriteAsync("""{"pod":"web-0","visits":41}""");
        });
        var release = new TaskCompletionSource();
        await using var hung = await StartPodAsync(async _ => await release.Task);
        using var http = new HttpClient();
        // A generous timeout where an answer is expected (a loaded machine is slow), a short one where none comes.
        var patient = new DirectPodVisitsReader(http, TimeSpan.FromSeconds(30), NullLogger<DirectPodVisitsReader>.Instance);
        var impatient = new DirectPodVisitsReader(http, TimeSpan.FromMilliseconds(200), NullLogger<DirectPodVisitsReader>.Instance);

        Assert.Equal(41, await patient.ReadAsync(Pod("127.0.0.1"), PortOf(answering), CancellationToken.None));
        Assert.Null(await patient.ReadAsync(Pod(null), PortOf(answering), CancellationToken.None));
        Assert.Null(await patient.ReadAsync(Pod("127.0.0.1"), FreePort(), CancellationToken.None));
        Assert.Null(await impatient.ReadAsync(Pod("127.0.0.1"), PortOf(hung), CancellationToken.None));
        release.SetResult();
    }

    private static int PortOf(WebApplication app) => new Uri(app.Urls.Single()).Port;

    [Fact]
    public async Task Proxy_reader_goes_through_the_api_server_pod_proxy()
    {
        var client = new Mock<IKubernetesClient>();
        client.Setup(c => c.GetRawAsync("/api/v1/namespaces/lab/pods/web-1:8080/proxy/visits", It.IsAny<CancellationToken>())).ReturnsAsync("9\n");
        client.Setup(c => c.GetRawAsync("/api/v1/namespaces/lab/pods/web-2:8080/proxy/visits", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServerErrorException(HttpStatusCode.ServiceUnavailable, new V1Status { Code = 503, Message = "no endpoints" }));
        var reader = new ApiServerProxyVisitsReader(client.Object, TimeSpan.FromSeconds(2), NullLogger<ApiServerProxyVisitsReader>.Instance);

        Assert.Equal(9, await reader.ReadAsync(Pod("10.0.0.1", "web-1"), 8080, CancellationToken.None));
        Assert.Null(await reader.ReadAsync(Pod("10.0.0.2", "web-2"), 8080, CancellationToken.None));
    }

    [Fact]
    public async Task Collector_asks_only_ready_pods()
    {
        var reader = new Fakes.FakeVisitsReader();
        reader.Counts["web-0"] = 1;
        reader.Counts["web-1"] = 2;
        var notReady = Pod("10.0.0.2", "web-1");
        notReady.Status!.Conditions = [new V1PodCondition { Type = "Ready", Status = "False" }];

        var visits = await new VisitsCollector(reader).CollectAsync([Pod("10.0.0.1", "web-0"), notReady], 8080, CancellationToken.None);

        Assert.Equal(new Dictionary<string, long> { ["web-0"] = 1 }, visits);
        Assert.Equal(["web-0"], reader.Asked);
    }

    private static V1Pod Pod(string? ip, string name = "web-0") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = "lab" },
        Status = new V1PodStatus { PodIP = ip, Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] },
    };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<WebApplication> StartPodAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }
}
