using System.Text;
using VisitCounter.CounterApp.Storage;

namespace VisitCounter.CounterApp.Tests.Storage;

public sealed class VisitRecordTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(74L)]
    [InlineData(1999L)]
    [InlineData(long.MaxValue)]
    public void Format_then_parse_round_trips_as_a_record(long count)
    {
        RecordReadResult read = VisitRecord.Parse(VisitRecord.Format(count));

        Assert.True(read.IsValid, read.Problem);
        Assert.True(read.IsRecord);
        Assert.Equal(count, read.Count);
    }

    [Fact]
    public void Record_reads_as_a_plain_decimal_number_with_trailing_blanks()
    {
        string text = Encoding.ASCII.GetString(VisitRecord.Format(74));

        Assert.Equal(VisitRecord.Length, text.Length);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal("74", text.Trim());
        Assert.Equal(74, long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(text[2..], c => Assert.True(char.IsWhiteSpace(c), $"unexpected '{c}'"));
    }

    [Theory]
    [InlineData("74", 74L)]
    [InlineData("74\n", 74L)]
    [InlineData("  74 \r\n", 74L)]
    [InlineData("0", 0L)]
    [InlineData("9223372036854775807\n", long.MaxValue)]
    public void Plain_numbers_from_the_lab_or_echo_are_accepted_for_conversion(string content, long expected)
    {
        RecordReadResult read = VisitRecord.Parse(Encoding.ASCII.GetBytes(content));

        Assert.True(read.IsValid, read.Problem);
        Assert.False(read.IsRecord);
        Assert.Equal(expected, read.Count);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n", "only blanks")]
    [InlineData("seventy-four\n", "seventy-four")]
    [InlineData("-5\n", "-5")]
    [InlineData("7 4\n", "7 4")]
    [InlineData("9223372036854775808\n", "9223372036854775808")]
    [InlineData("74\0\0\0", "\\x00")]
    public void Content_that_is_not_a_count_is_corrupt_and_the_problem_quotes_it(string content, string quoted)
    {
        RecordReadResult read = VisitRecord.Parse(Encoding.ASCII.GetBytes(content));

        Assert.False(read.IsValid);
        Assert.Contains(quoted, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_torn_between_two_counts_is_detected_not_believed()
    {
        byte[] before = VisitRecord.Format(1999);
        byte[] after = VisitRecord.Format(2000);
        int detected = 0;
        int torn = 0;

        // Every byte-level mix of the old and new record that differs from both must be refused.
        for (int mask = 0; mask < 1 << 4; mask++)
        {
            for (int split = 0; split <= VisitRecord.Length; split++)
            {
                byte[] mixed = Mix(before, after, split, mask);
                if (mixed.AsSpan().SequenceEqual(before) || mixed.AsSpan().SequenceEqual(after))
                {
                    continue;
                }

                torn++;
                RecordReadResult read = VisitRecord.Parse(mixed);
                if (!read.IsValid || read.Count is 1999 or 2000)
                {
                    detected++;
                }
            }
        }

        Assert.True(torn > 100);
        Assert.Equal(torn, detected);
    }

    [Fact]
    public void A_record_edited_in_place_fails_its_checksum()
    {
        byte[] record = VisitRecord.Format(74);
        record[1] = (byte)'5';

        RecordReadResult read = VisitRecord.Parse(record);

        Assert.False(read.IsValid);
        Assert.Contains("checksum", read.Problem, StringComparison.Ordinal);
    }

    /// <summary>New bytes before <paramref name="split"/>, old after; the low digits of <paramref name="mask"/> flip the first four bytes.</summary>
    private static byte[] Mix(byte[] before, byte[] after, int split, int mask)
    {
        byte[] mixed = new byte[before.Length];
        for (int i = 0; i < mixed.Length; i++)
        {
            bool takeNew = i < split;
            if (i < 4 && (mask & (1 << i)) != 0)
            {
                takeNew = !takeNew;
            }

            mixed[i] = takeNew ? after[i] : before[i];
        }

        return mixed;
    }
}
