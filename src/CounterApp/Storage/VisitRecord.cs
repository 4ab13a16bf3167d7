using System.Buffers.Text;
using System.Text;

namespace VisitCounter.CounterApp.Storage;

/// <summary>
/// The on-disk form of the count: what <c>cat $VISITS_FILE</c> shows, and how it is read back.
/// </summary>
/// <remarks>
/// <para>A record is exactly <see cref="Length"/> bytes: the count in decimal, left-aligned and padded
/// with spaces to <see cref="NumberField"/> bytes, then <see cref="ChecksumField"/> whitespace
/// characters that spell a 16-bit checksum of the number field (space = 0, tab = 1), then a newline.
/// <c>cat</c> therefore shows a plain decimal number followed by blanks, and Python's <c>int()</c> or
/// a shell's <c>$(( ))</c> read it as they read the classic lab's file.</para>
/// <para>Why a fixed width: the record is overwritten in place at offset 0, so the file length never
/// changes and no update ever needs a size change in the file system's metadata. Why the checksum:
/// should a power loss tear the record on a device that does not write a sector atomically, the mix
/// of old and new bytes could spell a smaller number; the checksum turns that into a detected
/// corruption instead of a silently wrong count.</para>
/// <para>Files the app did not write (the lab's <c>74</c> or <c>74\n</c>, or a number an operator
/// wrote with <c>echo</c>) are accepted as plain decimal numbers and rewritten in the record form.</para>
/// </remarks>
public static class VisitRecord
{
    /// <summary>Bytes of the number field: the 19 digits of <see cref="long.MaxValue"/> plus one space.</summary>
    public const int NumberField = 20;

    /// <summary>Bytes of the whitespace checksum.</summary>
    public const int ChecksumField = 16;

    /// <summary>Total bytes of one record, newline included.</summary>
    public const int Length = NumberField + ChecksumField + 1;

    private const int PreviewBytes = 40;

    /// <summary>Writes the record for <paramref name="count"/> into <paramref name="destination"/>.</summary>
    public static void Format(long count, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination must hold {Length} bytes.", nameof(destination));
        }

        Span<byte> number = destination[..NumberField];
        number.Fill((byte)' ');
        Utf8Formatter.TryFormat(count, number, out _);

        ushort checksum = Checksum(number);
        for (int bit = 0; bit < ChecksumField; bit++)
        {
            bool set = (checksum & (1 << (ChecksumField - 1 - bit))) != 0;
            destination[NumberField + bit] = set ? (byte)'\t' : (byte)' ';
        }

        destination[Length - 1] = (byte)'\n';
    }

    /// <summary>Returns a new array holding the record for <paramref name="count"/>.</summary>
    public static byte[] Format(long count)
    {
        byte[] record = new byte[Length];
        Format(count, record);
        return record;
    }

    /// <summary>Reads a file's content: a record, a plain decimal number, or a described corruption.</summary>
    public static RecordReadResult Parse(ReadOnlySpan<byte> content)
    {
        if (LooksLikeRecord(content))
        {
            ReadOnlySpan<byte> number = content[..NumberField];
            if (!TryParseCount(number.TrimEnd((byte)' '), out long count))
            {
                return RecordReadResult.Corrupt($"the number field does not hold a decimal count (found \"{Preview(content)}\")");
            }

            return ReadChecksum(content) == Checksum(number)
                ? RecordReadResult.Record(count)
                : RecordReadResult.Corrupt(
                    $"the checksum in the trailing blanks does not match the number {count}: the record was torn by a crash during a write or edited in place (found \"{Preview(content)}\")");
        }

        ReadOnlySpan<byte> trimmed = content.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return RecordReadResult.Corrupt(content.IsEmpty ? "the file is empty" : "the file holds only blanks");
        }

        return TryParseCount(trimmed, out long plain)
            ? RecordReadResult.Plain(plain)
            : RecordReadResult.Corrupt($"expected a non-negative decimal number, found \"{Preview(content)}\"");
    }

    private static bool LooksLikeRecord(ReadOnlySpan<byte> content)
    {
        if (content.Length != Length || content[^1] != (byte)'\n' || content[NumberField - 1] != (byte)' ')
        {
            return false;
        }

        foreach (byte b in content[NumberField..^1])
        {
            if (b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseCount(ReadOnlySpan<byte> digits, out long count)
    {
        count = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return digits.Length is > 0 and <= 19 && Utf8Parser.TryParse(digits, out count, out int consumed) && consumed == digits.Length;
    }

    private static ushort ReadChecksum(ReadOnlySpan<byte> content)
    {
        int value = 0;
        foreach (byte b in content.Slice(NumberField, ChecksumField))
        {
            value = (value << 1) | (b == (byte)'\t' ? 1 : 0);
        }

        return (ushort)value;
    }

    /// <summary>FNV-1a over the number field, folded to 16 bits.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> number)
    {
        uint hash = 2166136261;
        foreach (byte b in number)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (ushort)(hash ^ (hash >> 16));
    }

    private static string Preview(ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<byte> head = content.Length > PreviewBytes ? content[..PreviewBytes] : content;
        var text = new StringBuilder(head.Length + 4);
        foreach (byte b in head)
        {
            text.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'\r' => "\\r",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        if (content.Length > PreviewBytes)
        {
            text.Append("...");
        }

        return text.ToString();
    }
}
