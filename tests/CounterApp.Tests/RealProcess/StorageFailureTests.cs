using System.Net;
using VisitCounter.CounterApp.Storage;
using VisitCounter.CounterApp.Tests.Support;

namespace VisitCounter.CounterApp.Tests.RealProcess;

/// <summary>The real app as a process facing a corrupt file, a read-only volume, or bad settings.</summary>
public sealed class StorageFailureTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Corrupt_file_keeps_the_process_alive_and_unready_and_the_file_untouched_until_recovery_is_chosen()
    {
        File.WriteAllText(_dir.VisitsFile, "12a4\n");

        await using (CounterAppProcess app = await CounterAppProcess.StartAsync(_dir.VisitsFile))
        {
            HttpResponseMessage visit = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
            HttpResponseMessage ready = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, visit.StatusCode);
            Assert.Contains("VISITS_ON_CORRUPT", await visit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
            Assert.Equal("12a4\n", File.ReadAllText(_dir.VisitsFile));
            Assert.Contains("12a4", app.Output, StringComparison.Ordinal);
            Assert.Contains("corrupt", app.Output, StringComparison.Ordinal);
        }

        var recovery = new Dictionary<string, string> { ["VISITS_ON_CORRUPT"] = "1204" };
        await using CounterAppProcess recovered = await CounterAppProcess.StartAsync(_dir.VisitsFile, recovery);

        Assert.Equal(1205, await VisitLoad.VisitAsync(recovered.Client));
        string copy = Assert.Single(Directory.GetFiles(_dir.Path, "visits.corrupt-*"));
        Assert.Equal("12a4\n", File.ReadAllText(copy));
    }

    [Fact]
    public async Task Read_only_volume_with_a_count_serves_the_count_but_refuses_visits_and_readiness()
    {
        File.WriteAllBytes(_dir.VisitsFile, VisitRecord.Format(42));
        MakeReadOnly();

        await using CounterAppProcess app = await StartUnprivilegedAsync();
        HttpResponseMessage visit = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        HttpResponseMessage ready = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, visit.StatusCode);
        Assert.Contains("cannot open VISITS_FILE", await visit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(42, await VisitLoad.CountAsync(app.Client));
        Assert.Equal("42", File.ReadAllText(_dir.VisitsFile).Trim());
        Assert.Contains("Storage problem", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_volume_without_a_file_refuses_visits_with_a_clear_reason()
    {
        MakeReadOnly();

        await using CounterAppProcess app = await StartUnprivilegedAsync();
        HttpResponseMessage visit = await app.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, visit.StatusCode);
        Assert.Contains("cannot write VISITS_FILE", await visit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        Assert.False(File.Exists(_dir.VisitsFile));
    }

    [Fact]
    public async Task Invalid_setting_exits_2_naming_the_variable()
    {
        (int exitCode, string output) = await CounterAppProcess.RunToExitAsync(_dir.VisitsFile, new Dictionary<string, string> { ["PORT"] = "eighty" });

        Assert.Equal(2, exitCode);
        Assert.Contains("PORT='eighty'", output, StringComparison.Ordinal);
    }

    /// <summary>Permissions do not bind root, so as root the app runs as nobody; otherwise as the current user.</summary>
    private Task<CounterAppProcess> StartUnprivilegedAsync() =>
        CounterAppProcess.StartAsync(_dir.VisitsFile, runAsUid: Environment.UserName == "root" ? Nobody : null);

    private void MakeReadOnly()
    {
        const UnixFileMode ReadExecute = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (File.Exists(_dir.VisitsFile))
        {
            File.SetUnixFileMode(_dir.VisitsFile, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.SetUnixFileMode(_dir.Path, ReadExecute);
    }
}
