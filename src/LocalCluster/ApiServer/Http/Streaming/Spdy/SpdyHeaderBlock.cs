using System.Buffers.Binary;
using System.Text;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming.Spdy;

/// <summary>
/// SPDY/3 name/value header blocks (before compression): a 32-bit pair count, then per pair a 32-bit length and
/// the name, a 32-bit length and the value (several values joined by NUL). Names are lower case.
/// </summary>
internal static class SpdyHeaderBlock
{
    public static byte[] Encode(IReadOnlyDictionary<string, string> headers)
    {
        var output = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, headers.Count);
        output.Write(number);
        foreach (var (name, value) in headers)
        {
            foreach (var text in new[] { name.ToLowerInvariant(), value })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                BinaryPrimitives.WriteInt32BigEndian(number, bytes.Length);
                output.Write(number);
                output.Write(bytes);
            }
        }

        return output.ToArray();
    }

    public static Dictionary<string, string> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = ReadInt(ref block);
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(ref block);
            headers[name] = ReadString(ref block);
        }

        return headers;
    }

    private static string ReadString(ref ReadOnlySpan<byte> block)
    {
        var length = ReadInt(ref block);
        if (length < 0 || length > block.Length)
        {
            throw new InvalidDataException("SPDY header block: a name or value runs past the end of the block");
        }

        var text = Encoding.UTF8.GetString(block[..length]);
        block = block[length..];
        return text;
    }

    private static int ReadInt(ref ReadOnlySpan<byte> block)
    {
        if (block.Length < 4)
        {
            throw new InvalidDataException("SPDY header block: truncated");
        }

        var value = BinaryPrimitives.ReadInt32BigEndian(block);
        block = block[4..];
        return value;
    }
}
