using System.Diagnostics.CodeAnalysis;

namespace VisitCounter.CounterApp.Storage;

/// <summary>What a visits file's content turned out to be.</summary>
public sealed record RecordReadResult
{
    private RecordReadResult(long count, bool isRecord, string? problem)
    {
        Count = count;
        IsRecord = isRecord;
        Problem = problem;
    }

    /// <summary>The count read; meaningful only when <see cref="IsValid"/>.</summary>
    public long Count { get; }

    /// <summary>The content is already in the fixed-width record form and can be overwritten in place.</summary>
    public bool IsRecord { get; }

    /// <summary>Why the content is not a count, when it is not.</summary>
    public string? Problem { get; }

    /// <summary>The content holds a count.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    /// <summary>A checksummed record written by this app.</summary>
    public static RecordReadResult Record(long count) => new(count, isRecord: true, problem: null);

    /// <summary>A plain decimal number (the lab's format, or a hand-written value).</summary>
    public static RecordReadResult Plain(long count) => new(count, isRecord: false, problem: null);

    /// <summary>Content that is not a count; <paramref name="problem"/> says what was found.</summary>
    public static RecordReadResult Corrupt(string problem) => new(0, isRecord: false, problem);
}
