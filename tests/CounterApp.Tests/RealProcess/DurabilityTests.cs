using VisitCounter.CounterApp.Tests.Support;

namespace VisitCounter.CounterApp.Tests.RealProcess;

/// <summary>The real app as a process: exact counting under concurrency, restarts, kill -9 and SIGTERM.</summary>
public sealed class DurabilityTests : IDisposable
{
    private const int InFlightClients = 16;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Parallel_clients_get_exactly_N_times_M_distinct_visits()
    {
        await using CounterAppProcess app = await CounterAppProcess.StartAsync(_dir.VisitsFile);

        LoadResult load = await VisitLoad.RunAsync(app.Port, clients: 64, visitsPerClient: 500);

        Assert.Equal(Enumerable.Range(1, 64 * 500).Select(n => (long)n), load.Answered.Order());
        Assert.Equal(64 * 500, await VisitLoad.CountAsync(app.Client));
        Assert.Equal("32000", File.ReadAllText(_dir.VisitsFile).Trim());
    }

    [Fact]
    public async Task Restart_keeps_the_count()
    {
        await using (CounterAppProcess first = await CounterAppProcess.StartAsync(_dir.VisitsFile))
        {
            await VisitLoad.RunAsync(first.Port, clients: 2, visitsPerClient: 5);
            Assert.Equal(0, await first.TerminateAsync());
        }

        await using CounterAppProcess second = await CounterAppProcess.StartAsync(_dir.VisitsFile);

        Assert.Equal(10, await VisitLoad.CountAsync(second.Client));
        Assert.Equal(11, await VisitLoad.VisitAsync(second.Client));
    }

    [Fact]
    public async Task Kill_9_under_load_loses_no_answered_visit()
    {
        long persistedBefore = 0;
        for (int round = 0; round < 3; round++)
        {
            await using CounterAppProcess app = await CounterAppProcess.StartAsync(_dir.VisitsFile);
            Assert.Equal(persistedBefore, await VisitLoad.CountAsync(app.Client));
            using var enoughAnswered = new SemaphoreSlim(0);
            long answeredThisRound = 0;
            Task<LoadResult> load = VisitLoad.RunAsync(app.Port, InFlightClients, visitsPerClient: int.MaxValue, onAnswered: _ =>
            {
                if (Interlocked.Increment(ref answeredThisRound) == 300 + (round * 200))
                {
                    enoughAnswered.Release();
                }
            });

            Assert.True(await enoughAnswered.WaitAsync(TimeSpan.FromSeconds(60)), "the load never got going");
            await app.KillAsync();
            LoadResult result = await load;

            await using CounterAppProcess restarted = await CounterAppProcess.StartAsync(_dir.VisitsFile);
            long persisted = await VisitLoad.CountAsync(restarted.Client);
            Assert.True(persisted >= result.MaxAnswered, $"round {round}: persisted {persisted} < max answered {result.MaxAnswered}");
            Assert.True(persisted <= result.MaxAnswered + InFlightClients, $"round {round}: persisted {persisted} > max answered {result.MaxAnswered} + {InFlightClients} in flight");
            Assert.Equal(result.Answered.Count, result.Answered.Distinct().Count());
            persistedBefore = persisted;
            await restarted.TerminateAsync();
        }
    }

    [Fact]
    public async Task Sigterm_under_load_answers_or_refuses_each_visit_persists_every_answer_and_exits_0()
    {
        long exitCode;
        LoadResult result;
        string output;
        await using (CounterAppProcess app = await CounterAppProcess.StartAsync(_dir.VisitsFile))
        {
            using var enoughAnswered = new SemaphoreSlim(0);
            long answered = 0;
            Task<LoadResult> load = VisitLoad.RunAsync(app.Port, InFlightClients, visitsPerClient: int.MaxValue, onAnswered: _ =>
            {
                if (Interlocked.Increment(ref answered) == 500)
                {
                    enoughAnswered.Release();
                }
            });
            Assert.True(await enoughAnswered.WaitAsync(TimeSpan.FromSeconds(60)), "the load never got going");

            exitCode = await app.TerminateAsync();
            result = await load;
            output = app.Output;
        }

        await using CounterAppProcess restarted = await CounterAppProcess.StartAsync(_dir.VisitsFile);
        long persisted = await VisitLoad.CountAsync(restarted.Client);

        Assert.Equal(0, exitCode);
        Assert.True(persisted >= result.MaxAnswered, $"persisted {persisted} < max answered {result.MaxAnswered}");
        Assert.True(persisted <= result.MaxAnswered + InFlightClients, $"persisted {persisted} > max answered {result.MaxAnswered} + {InFlightClients}");
        Assert.Equal(Enumerable.Range(1, result.Answered.Count).Select(n => (long)n), result.Answered.Order());
        Assert.Contains("Shutting down pod web-0", output, StringComparison.Ordinal);
        Assert.Contains($"Stopped pod web-0; count {persisted} is on disk", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_one_line_at_start_and_none_per_request()
    {
        await using CounterAppProcess app = await CounterAppProcess.StartAsync(_dir.VisitsFile);
        await VisitLoad.RunAsync(app.Port, clients: 4, visitsPerClient: 50);
        await app.TerminateAsync();

        string[] lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(lines, l => l.Contains("Started pod web-0 on 127.0.0.1:", StringComparison.Ordinal) && l.Contains("count 0", StringComparison.Ordinal));
        Assert.True(lines.Length <= 5, $"expected a handful of lines, got:\n{app.Output}");
    }
}
