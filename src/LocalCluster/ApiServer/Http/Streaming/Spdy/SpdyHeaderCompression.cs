using System.Runtime.InteropServices;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming.Spdy;

/// <summary>
/// One direction of SPDY/3 header compression: a zlib stream that lives as long as the connection, primed with
/// <see cref="SpdyDictionary"/>, each header block ended with a sync flush. .NET's ZLibStream cannot take a preset
/// dictionary, so this calls the system's zlib (<c>libz.so.1</c>) directly. Not thread-safe: one per direction.
/// </summary>
internal sealed partial class SpdyHeaderCompression : IDisposable
{
    // z_stream on LP64 Linux: next_in@0, avail_in@8, total_in@16, next_out@24, avail_out@32, total_out@40, msg@48,
    // state@56, zalloc@64, zfree@72, opaque@80, data_type@88, adler@96, reserved@104.
    private const int StreamSize = 112;
    private const int NextIn = 0, AvailIn = 8, NextOut = 24, AvailOut = 32;
    private const int SyncFlush = 2, Ok = 0, StreamEnd = 1, NeedDictionary = 2, BufferError = -5;
    private const string ZlibVersion = "1.2.11";   // zlib checks only the major version and the struct size
    private static readonly byte[] Dictionary = SpdyDictionary.Create();

    private readonly IntPtr _stream;
    private readonly bool _deflate;
    private bool _disposed;

    private SpdyHeaderCompression(bool deflate)
    {
        _deflate = deflate;
        _stream = Marshal.AllocHGlobal(StreamSize);
        unsafe
        {
            new Span<byte>((void*)_stream, StreamSize).Clear();
        }

        if (deflate)
        {
            Check(DeflateInit(_stream, 9, ZlibVersion, StreamSize), "deflateInit");
            var dictionary = GCHandle.Alloc(Dictionary, GCHandleType.Pinned);
            try
            {
                Check(DeflateSetDictionary(_stream, dictionary.AddrOfPinnedObject(), (uint)Dictionary.Length), "deflateSetDictionary");
            }
            finally
            {
                dictionary.Free();
            }
        }
        else
        {
            Check(InflateInit(_stream, ZlibVersion, StreamSize), "inflateInit");
        }
    }

    /// <summary>For header blocks this side sends.</summary>
    public static SpdyHeaderCompression Compressor() => new(deflate: true);

    /// <summary>For header blocks the peer sends.</summary>
    public static SpdyHeaderCompression Decompressor() => new(deflate: false);

    /// <summary>Compresses one header block, ending with a sync flush so that the peer can decode it at once.</summary>
    public byte[] Compress(ReadOnlySpan<byte> block) => Run(block, deflate: true);

    /// <summary>Decompresses one header block.</summary>
    public byte[] Decompress(ReadOnlySpan<byte> block) => Run(block, deflate: false);

    private byte[] Run(ReadOnlySpan<byte> input, bool deflate)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (deflate != _deflate)
        {
            throw new InvalidOperationException(_deflate ? "this is a compressor" : "this is a decompressor");
        }

        var inputCopy = input.ToArray();
        var output = new MemoryStream();
        var chunk = new byte[Math.Max(256, input.Length * 4)];
        var pinnedInput = GCHandle.Alloc(inputCopy, GCHandleType.Pinned);
        var pinnedChunk = GCHandle.Alloc(chunk, GCHandleType.Pinned);
        try
        {
            Marshal.WriteIntPtr(_stream, NextIn, pinnedInput.AddrOfPinnedObject());
            Marshal.WriteInt32(_stream, AvailIn, inputCopy.Length);
            while (true)
            {
                Marshal.WriteIntPtr(_stream, NextOut, pinnedChunk.AddrOfPinnedObject());
                Marshal.WriteInt32(_stream, AvailOut, chunk.Length);
                var result = deflate ? DeflateCall(_stream, SyncFlush) : InflateCall(_stream, SyncFlush);
                if (result == NeedDictionary && !deflate)
                {
                    var dictionary = GCHandle.Alloc(Dictionary, GCHandleType.Pinned);
                    try
                    {
                        Check(InflateSetDictionary(_stream, dictionary.AddrOfPinnedObject(), (uint)Dictionary.Length), "inflateSetDictionary");
                    }
                    finally
                    {
                        dictionary.Free();
                    }

                    continue;
                }

                if (result is not (Ok or StreamEnd or BufferError))
                {
                    throw new InvalidDataException($"SPDY header block: zlib {(deflate ? "deflate" : "inflate")} failed ({result})");
                }

                var produced = chunk.Length - Marshal.ReadInt32(_stream, AvailOut);
                output.Write(chunk, 0, produced);
                // Done when zlib had room to spare (all input consumed and flushed) or could make no progress.
                if (produced < chunk.Length || result is BufferError or StreamEnd)
                {
                    break;
                }
            }

            if (Marshal.ReadInt32(_stream, AvailIn) != 0)
            {
                throw new InvalidDataException("SPDY header block: zlib left input unconsumed");
            }

            return output.ToArray();
        }
        finally
        {
            Marshal.WriteIntPtr(_stream, NextIn, IntPtr.Zero);
            Marshal.WriteIntPtr(_stream, NextOut, IntPtr.Zero);
            pinnedInput.Free();
            pinnedChunk.Free();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ = _deflate ? DeflateEnd(_stream) : InflateEnd(_stream);
        Marshal.FreeHGlobal(_stream);
    }

    private static void Check(int result, string call)
    {
        if (result != Ok)
        {
            throw new InvalidOperationException($"zlib {call} failed ({result}); libz.so.1 is needed for kubectl port-forward");
        }
    }

    private const string Zlib = "libz.so.1";

    [LibraryImport(Zlib, EntryPoint = "deflateInit_", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int DeflateInit(IntPtr stream, int level, string version, int streamSize);

    [LibraryImport(Zlib, EntryPoint = "deflateSetDictionary")]
    private static partial int DeflateSetDictionary(IntPtr stream, IntPtr dictionary, uint length);

    [LibraryImport(Zlib, EntryPoint = "deflate")]
    private static partial int DeflateCall(IntPtr stream, int flush);

    [LibraryImport(Zlib, EntryPoint = "deflateEnd")]
    private static partial int DeflateEnd(IntPtr stream);

    [LibraryImport(Zlib, EntryPoint = "inflateInit_", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InflateInit(IntPtr stream, string version, int streamSize);

    [LibraryImport(Zlib, EntryPoint = "inflateSetDictionary")]
    private static partial int InflateSetDictionary(IntPtr stream, IntPtr dictionary, uint length);

    [LibraryImport(Zlib, EntryPoint = "inflate")]
    private static partial int InflateCall(IntPtr stream, int flush);

    [LibraryImport(Zlib, EntryPoint = "inflateEnd")]
    private static partial int InflateEnd(IntPtr stream);
}
