using System.Text;
using VisitCounter.LocalCluster.ApiServer.Http.Streaming;

namespace VisitCounter.LocalCluster.Tests.Server.Http.Streaming;

public sealed class ChannelProtocolTests
{
    [Fact]
    public void Negotiation_prefers_v5_then_v4_and_refuses_older_protocols()
    {
        Assert.Equal("v5.channel.k8s.io", ChannelProtocol.Negotiate(["v4.channel.k8s.io, v5.channel.k8s.io", "channel.k8s.io"]));
        Assert.Equal("v4.channel.k8s.io", ChannelProtocol.Negotiate(["v4.channel.k8s.io", "v3.channel.k8s.io"]));
        Assert.Null(ChannelProtocol.Negotiate(["v3.channel.k8s.io", "base64.channel.k8s.io"]));
    }

    [Fact]
    public void Frames_start_with_their_channel_byte()
    {
        Assert.Equal([1, (byte)'h', (byte)'i'], ChannelProtocol.Frame(ChannelProtocol.Stdout, "hi"u8));
        Assert.Equal([3], ChannelProtocol.Frame(ChannelProtocol.Error, []));
    }

    [Fact]
    public void Exit_code_zero_is_success_and_others_carry_an_ExitCode_cause()
    {
        Assert.Equal("{\"metadata\":{},\"status\":\"Success\"}", ExecStatus.For(0, ["true"]).ToJsonString());

        var failure = ExecStatus.For(3, ["sh", "-c", "exit 3"]);

        Assert.Equal("Failure", failure["status"]!.GetValue<string>());
        Assert.Equal("NonZeroExitCode", failure["reason"]!.GetValue<string>());
        Assert.Equal("ExitCode", failure["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("3", failure["details"]!["causes"]![0]!["message"]!.GetValue<string>());
        Assert.Contains("[sh -c exit 3]", failure["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Width\":120,\"Height\":40}", 120, 40)]
    [InlineData("{\"Height\":24,\"Width\":80}", 80, 24)]
    public void Resize_messages_parse_width_and_height(string json, int width, int height)
    {
        Assert.Equal(new TerminalSize(width, height), TerminalSize.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{\"Width\":0,\"Height\":40}")]
    [InlineData("{\"Width\":\"80\",\"Height\":24}")]
    [InlineData("not json")]
    [InlineData("{\"Width\":70000,\"Height\":24}")]
    public void Invalid_resize_messages_are_ignored(string json)
    {
        Assert.Null(TerminalSize.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
