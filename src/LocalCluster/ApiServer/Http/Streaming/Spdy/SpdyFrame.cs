using System.Buffers.Binary;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming.Spdy;

/// <summary>The SPDY/3.1 control frame types a port-forward connection sees.</summary>
internal enum SpdyControlType : ushort
{
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
}

/// <summary>
/// One SPDY/3.1 frame. Control frames: <c>1|version(15)|type(16)|flags(8)|length(24)|data</c>; data frames:
/// <c>0|stream-id(31)|flags(8)|length(24)|data</c>. Flag 0x01 is FIN on both.
/// </summary>
/// <param name="IsControl">A control frame (else a data frame).</param>
/// <param name="Type">The control frame type (0 for data frames).</param>
/// <param name="StreamId">The data frame's stream (for control frames: 0; see <see cref="ControlStreamId"/>).</param>
/// <param name="Flags">The frame's flags.</param>
/// <param name="Payload">The frame's data after the 8-byte header.</param>
internal sealed record SpdyFrame(bool IsControl, SpdyControlType Type, uint StreamId, byte Flags, byte[] Payload)
{
    public const int HeaderSize = 8;
    public const byte FlagFin = 0x01;
    public const ushort Version = 3;

    public bool Fin => (Flags & FlagFin) != 0;

    /// <summary>The stream a SYN_STREAM, SYN_REPLY, RST_STREAM, HEADERS or WINDOW_UPDATE frame is about.</summary>
    public uint ControlStreamId => Payload.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Payload) & 0x7fffffff : 0;

    /// <summary>Reads one frame from the start of <paramref name="buffer"/>; null until the whole frame is there.</summary>
    public static SpdyFrame? TryRead(ReadOnlySpan<byte> buffer, out int consumed)
    {
        consumed = 0;
        if (buffer.Length < HeaderSize)
        {
            return null;
        }

        var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]) & 0xffffff);
        if (buffer.Length < HeaderSize + length)
        {
            return null;
        }

        consumed = HeaderSize + length;
        var flags = buffer[4];
        var payload = buffer.Slice(HeaderSize, length).ToArray();
        if ((buffer[0] & 0x80) != 0)
        {
            var version = BinaryPrimitives.ReadUInt16BigEndian(buffer) & 0x7fff;
            if (version != Version)
            {
                throw new InvalidDataException($"SPDY version {version} is not supported (only 3)");
            }

            return new SpdyFrame(true, (SpdyControlType)BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]), 0, flags, payload);
        }

        return new SpdyFrame(false, 0, BinaryPrimitives.ReadUInt32BigEndian(buffer) & 0x7fffffff, flags, payload);
    }

    public static byte[] Data(uint streamId, ReadOnlySpan<byte> data, bool fin)
    {
        var frame = new byte[HeaderSize + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, streamId & 0x7fffffff);
        WriteFlagsAndLength(frame, fin ? FlagFin : (byte)0, data.Length);
        data.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static byte[] Control(SpdyControlType type, byte flags, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)type);
        WriteFlagsAndLength(frame, flags, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>SYN_REPLY: the stream id, then the compressed header block.</summary>
    public static byte[] SynReply(uint streamId, ReadOnlySpan<byte> compressedHeaders)
    {
        var payload = new byte[4 + compressedHeaders.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, streamId & 0x7fffffff);
        compressedHeaders.CopyTo(payload.AsSpan(4));
        return Control(SpdyControlType.SynReply, 0, payload);
    }

    /// <summary>RST_STREAM with a status code (1 PROTOCOL_ERROR, 3 REFUSED_STREAM, 5 CANCEL, ...).</summary>
    public static byte[] RstStream(uint streamId, uint status)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, streamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), status);
        return Control(SpdyControlType.RstStream, 0, payload);
    }

    /// <summary>SYN_STREAM's header block starts after stream id, associated stream id, priority and slot.</summary>
    public ReadOnlySpan<byte> SynStreamHeaderBlock => Payload.AsSpan(Math.Min(10, Payload.Length));

    private static void WriteFlagsAndLength(byte[] frame, byte flags, int length)
    {
        if (length > 0xffffff)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "a SPDY frame carries at most 16 MiB");
        }

        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)length);
        frame[4] = flags;
    }
}
