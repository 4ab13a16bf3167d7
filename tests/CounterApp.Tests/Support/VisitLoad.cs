using System.Net.Http.Headers;
using System.Net.Http.Json;
using VisitCounter.CounterApp.Http;

namespace VisitCounter.CounterApp.Tests.Support;

/// <summary>Parallel clients that visit <c>/</c> and remember every number they were told.</summary>
internal static class VisitLoad
{
    /// <summary>Each client visits sequentially, <paramref name="visitsPerClient"/> times or until a request fails.</summary>
    public static async Task<LoadResult> RunAsync(int port, int clients, int visitsPerClient, Action<long>? onAnswered = null)
    {
        using HttpClient http = CounterAppProcess.CreateClient(port, clients);
        List<long>[] answered = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var mine = new List<long>(Math.Min(visitsPerClient, 10_000));
            for (int i = 0; i < visitsPerClient; i++)
            {
                long? number = await VisitAsync(http);
                if (number is null)
                {
                    break;
                }

                mine.Add(number.Value);
                onAnswered?.Invoke(number.Value);
            }

            return mine;
        }));

        return new LoadResult([.. answered.SelectMany(n => n)]);
    }

    /// <summary>One visit; the number the app answered, or null when it did not answer 200.</summary>
    public static async Task<long?> VisitAsync(HttpClient http)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using HttpResponseMessage response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            VisitCount? body = await response.Content.ReadFromJsonAsync(CounterJsonContext.Default.VisitCount);
            return body?.Visits;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The durable count as <c>/visits</c> reports it.</summary>
    public static async Task<long> CountAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/visits", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        VisitCount? body = await response.Content.ReadFromJsonAsync(CounterJsonContext.Default.VisitCount);
        return body!.Visits;
    }
}

/// <summary>Every visit number that a client received with a 200.</summary>
internal sealed record LoadResult(IReadOnlyList<long> Answered)
{
    public long MaxAnswered => Answered.Count == 0 ? 0 : Answered.Max();
}
