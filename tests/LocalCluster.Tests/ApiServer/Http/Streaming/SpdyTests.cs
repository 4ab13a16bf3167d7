using System.Buffers.Binary;
using VisitCounter.LocalCluster.ApiServer.Http.Streaming.Spdy;

namespace VisitCounter.LocalCluster.Tests.Server.Http.Streaming;

public sealed class SpdyTests
{
    // Two SYN_STREAM header blocks of one connection (error stream, then data stream for request 0), compressed by
    // another zlib user (Python's zlib with the SPDY/3 dictionary, sync flush per block, as Go's framer writes them).
    // The second is tiny because it refers back to the first: decoding it needs the connection-long state.
    private const string ErrorStreamHeaders = "78f9e3c6a7c202253a48f95b044eea16061606409ab308125f99a074cc68004e892545a989b9d0c2863515141500000000ffff";
    private const string DataStreamHeaders = "225333a8a44a04000000ffff";

    [Fact]
    public void Dictionary_is_spdy3s_1423_bytes()
    {
        var dictionary = SpdyDictionary.Create();

        Assert.Equal(1423, dictionary.Length);
        Assert.Equal(0xe3c6a7c2u, Adler32(dictionary));
    }

    [Fact]
    public void Header_blocks_of_one_connection_decompress_with_the_dictionary_and_shared_state()
    {
        using var inflater = SpdyHeaderCompression.Decompressor();

        var first = SpdyHeaderBlock.Decode(inflater.Decompress(Convert.FromHexString(ErrorStreamHeaders)));
        var second = SpdyHeaderBlock.Decode(inflater.Decompress(Convert.FromHexString(DataStreamHeaders)));

        Assert.Equal(new Dictionary<string, string> { ["port"] = "8080", ["requestid"] = "0", ["streamtype"] = "error" }, first);
        Assert.Equal(new Dictionary<string, string> { ["port"] = "8080", ["requestid"] = "0", ["streamtype"] = "data" }, second);
    }

    [Fact]
    public void Compressed_blocks_name_the_spdy_dictionary_and_round_trip()
    {
        using var deflater = SpdyHeaderCompression.Compressor();
        using var inflater = SpdyHeaderCompression.Decompressor();
        var headers = new Dictionary<string, string> { ["streamtype"] = "data", ["port"] = "8080" };

        var first = deflater.Compress(SpdyHeaderBlock.Encode(headers));
        var second = deflater.Compress(SpdyHeaderBlock.Encode(new Dictionary<string, string>()));

        // zlib header with FDICT set, then the dictionary's Adler-32: what Go's zlib.NewReaderDict checks.
        Assert.Equal(0x78, first[0]);
        Assert.NotEqual(0, first[1] & 0x20);
        Assert.Equal(0xe3c6a7c2u, BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(2)));
        // Each block ends with a sync flush, so the peer can decode it without waiting for more.
        Assert.Equal([0x00, 0x00, 0xff, 0xff], second[^4..]);
        Assert.Equal(headers, SpdyHeaderBlock.Decode(inflater.Decompress(first)));
        Assert.Empty(SpdyHeaderBlock.Decode(inflater.Decompress(second)));
    }

    [Fact]
    public void Data_frames_carry_stream_flags_and_length()
    {
        var frame = SpdyFrame.Data(5, "hello"u8, fin: true);

        Assert.Equal(Convert.FromHexString("00000005010000056865" + "6c6c6f"), frame);
        var read = SpdyFrame.TryRead(frame, out var consumed)!;
        Assert.Equal(frame.Length, consumed);
        Assert.False(read.IsControl);
        Assert.Equal(5u, read.StreamId);
        Assert.True(read.Fin);
        Assert.Equal("hello"u8.ToArray(), read.Payload);
    }

    [Fact]
    public void Control_frames_carry_version_type_and_the_stream_they_concern()
    {
        var reply = SpdyFrame.SynReply(3, [0xaa, 0xbb]);

        Assert.Equal(Convert.FromHexString("80030002000000060000000" + "3aabb"), reply);
        var read = SpdyFrame.TryRead(reply, out _)!;
        Assert.True(read.IsControl);
        Assert.Equal(SpdyControlType.SynReply, read.Type);
        Assert.Equal(3u, read.ControlStreamId);
        Assert.Equal(Convert.FromHexString("80030003000000080000000700000005"), SpdyFrame.RstStream(7, 5));
    }

    [Fact]
    public void A_partial_frame_waits_for_the_rest()
    {
        var frame = SpdyFrame.Data(1, new byte[100], fin: false);

        Assert.Null(SpdyFrame.TryRead(frame.AsSpan(0, 7), out var none));
        Assert.Null(SpdyFrame.TryRead(frame.AsSpan(0, 107), out _));
        Assert.Equal(0, none);
        Assert.NotNull(SpdyFrame.TryRead(frame, out _));
    }

    [Fact]
    public void A_control_frame_of_another_spdy_version_is_rejected()
    {
        var frame = SpdyFrame.Control(SpdyControlType.Ping, 0, new byte[4]);
        frame[1] = 2;

        Assert.Throws<InvalidDataException>(() => SpdyFrame.TryRead(frame, out _));
    }

    [Fact]
    public void A_header_block_whose_value_runs_past_its_end_is_rejected()
    {
        var block = SpdyHeaderBlock.Encode(new Dictionary<string, string> { ["port"] = "8080" });

        Assert.Throws<InvalidDataException>(() => SpdyHeaderBlock.Decode(block.AsSpan(0, block.Length - 1)));
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
