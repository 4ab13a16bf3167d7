using System.Net;
using VisitCounter.CounterApp.Configuration;

namespace VisitCounter.CounterApp.Tests.Configuration;

public sealed class CounterAppSettingsTests
{
    [Fact]
    public void Defaults_match_the_pod_contract()
    {
        CounterAppSettings settings = From();

        Assert.Equal(8080, settings.Port);
        Assert.Null(settings.BindAddress);
        Assert.Equal("/data/visits", settings.VisitsFile);
        Assert.Equal(Environment.MachineName, settings.PodName);
        Assert.Null(settings.OnCorrupt.RestartFrom);
        Assert.False(settings.LogRequests);
        Assert.False(settings.JsonLogs);
    }

    [Fact]
    public void Every_variable_is_read()
    {
        CounterAppSettings settings = From(
            ("PORT", "9090"), ("BIND_ADDRESS", "127.0.0.2"), ("VISITS_FILE", "/tmp/pvc/visits"), ("POD_NAME", "web-1"),
            ("VISITS_ON_CORRUPT", "reset"), ("LOG_REQUESTS", "true"), ("LOG_FORMAT", "json"));

        Assert.Equal(9090, settings.Port);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), settings.BindAddress);
        Assert.Equal("/tmp/pvc/visits", settings.VisitsFile);
        Assert.Equal("web-1", settings.PodName);
        Assert.Equal(0, settings.OnCorrupt.RestartFrom);
        Assert.True(settings.LogRequests);
        Assert.True(settings.JsonLogs);
    }

    [Theory]
    [InlineData("refuse", null)]
    [InlineData("REFUSE", null)]
    [InlineData("reset", 0L)]
    [InlineData("1234", 1234L)]
    public void Corrupt_file_policy_values(string value, long? restartFrom)
    {
        Assert.Equal(restartFrom, CorruptFilePolicy.Parse(value).RestartFrom);
    }

    [Theory]
    [InlineData("PORT", "http", "PORT='http'")]
    [InlineData("PORT", "0", "1 to 65535")]
    [InlineData("PORT", "70000", "1 to 65535")]
    [InlineData("BIND_ADDRESS", "localhost", "BIND_ADDRESS='localhost'")]
    [InlineData("VISITS_FILE", "/data/", "VISITS_FILE='/data/'")]
    [InlineData("VISITS_ON_CORRUPT", "-3", "VISITS_ON_CORRUPT='-3'")]
    [InlineData("LOG_REQUESTS", "maybe", "LOG_REQUESTS='maybe'")]
    [InlineData("LOG_FORMAT", "xml", "LOG_FORMAT='xml'")]
    public void Bad_values_name_the_variable_and_the_fix(string name, string value, string expected)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => From((name, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("set", error.Message, StringComparison.Ordinal);
    }

    private static CounterAppSettings From(params (string Name, string Value)[] variables)
    {
        Dictionary<string, string> environment = variables.ToDictionary(v => v.Name, v => v.Value);
        return CounterAppSettings.FromEnvironment(name => environment.GetValueOrDefault(name));
    }
}
