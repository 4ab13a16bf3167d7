namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>
/// The Kubernetes remote-command WebSocket protocol (<c>v4.channel.k8s.io</c>, <c>v5.channel.k8s.io</c>), as
/// apimachinery's wsstream speaks it: every binary message starts with a channel byte; 0 stdin, 1 stdout,
/// 2 stderr, 3 error (a metav1.Status when the command ends), 4 resize (<c>{"Width":W,"Height":H}</c>); v5 adds
/// 255, "close": the client ended the stream whose channel is the next byte.
/// </summary>
internal static class ChannelProtocol
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";
    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Error = 3;
    public const byte Resize = 4;
    public const byte Close = 255;

    /// <summary>The newest protocol both sides speak, or null (older protocols lack the exit code or stdin close).</summary>
    public static string? Negotiate(IEnumerable<string> offered)
    {
        var set = offered.SelectMany(p => p.Split(',')).Select(p => p.Trim()).ToHashSet(StringComparer.Ordinal);
        return set.Contains(V5) ? V5 : set.Contains(V4) ? V4 : null;
    }

    public static byte[] Frame(byte channel, ReadOnlySpan<byte> data)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = channel;
        data.CopyTo(frame.AsSpan(1));
        return frame;
    }
}
