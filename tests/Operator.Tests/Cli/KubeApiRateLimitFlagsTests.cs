using System.CommandLine;
using VisitCounter.Operator.Cli;

namespace VisitCounter.Operator.Tests.Cli;

public sealed class KubeApiRateLimitFlagsTests
{
    [Theory]
    [InlineData("--kube-api-qps", "0")]
    [InlineData("--kube-api-qps", "-5")]
    [InlineData("--kube-api-burst", "0")]
    [InlineData("--kube-api-events-qps", "0")]
    [InlineData("--kube-api-events-burst", "-1")]
    public async Task A_rate_limit_flag_that_is_not_positive_is_a_usage_error_naming_the_flag(string flag, string value)
    {
        var (code, _, error) = await RenderTests.InvokeAsync("run", flag, value);

        Assert.NotEqual(0, code);
        Assert.Contains($"{flag} must be", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flags_reach_the_operator_options_with_defaults_sized_for_a_thousand_apps()
    {
        var flags = new OperatorCliOptions();
        var command = new RootCommand();
        flags.AddTo(command);

        var defaults = flags.Read(command.Parse([]));
        var set = flags.Read(command.Parse(["--kube-api-qps", "50.5", "--kube-api-burst", "80", "--kube-api-events-qps", "5", "--kube-api-events-burst", "7"]));

        Assert.Equal((200d, 300, 50d, 100), (defaults.KubeApiQps, defaults.KubeApiBurst, defaults.KubeApiEventsQps, defaults.KubeApiEventsBurst));
        Assert.Equal((50.5, 80, 5d, 7), (set.KubeApiQps, set.KubeApiBurst, set.KubeApiEventsQps, set.KubeApiEventsBurst));
    }

    [Fact]
    public async Task Help_describes_the_rate_limit_flags()
    {
        var (_, output, _) = await RenderTests.InvokeAsync("run", "--help");

        Assert.Contains("--kube-api-qps", output, StringComparison.Ordinal);
        Assert.Contains("--kube-api-burst", output, StringComparison.Ordinal);
        Assert.Contains("--kube-api-events-qps", output, StringComparison.Ordinal);
        Assert.Contains("--kube-api-events-burst", output, StringComparison.Ordinal);
        Assert.Contains("rate limit", output, StringComparison.Ordinal);
    }
}
