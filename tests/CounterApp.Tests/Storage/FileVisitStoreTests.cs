using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.CounterApp.Configuration;
using VisitCounter.CounterApp.Storage;
using VisitCounter.CounterApp.Tests.Support;

namespace VisitCounter.CounterApp.Tests.Storage;

public sealed class FileVisitStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Missing_file_is_created_at_zero_in_record_form()
    {
        StoreOpenResult opened = Open();
        using IVisitStore? store = opened.Store;

        Assert.True(opened.IsOpen, opened.Problem);
        Assert.Equal(0, opened.Count);
        Assert.Equal(VisitRecord.Format(0), File.ReadAllBytes(_dir.VisitsFile));
        Assert.False(File.Exists(_dir.VisitsFile + ".tmp"));
    }

    [Fact]
    public void Missing_parent_directory_is_created()
    {
        string nested = Path.Combine(_dir.Path, "pvc", "visits");

        StoreOpenResult opened = FileVisitStore.Open(nested, CorruptFilePolicy.Refuse, NullLogger.Instance);
        using IVisitStore? store = opened.Store;

        Assert.True(opened.IsOpen, opened.Problem);
        Assert.True(File.Exists(nested));
    }

    [Fact]
    public void Writes_overwrite_in_place_and_reopen_reads_the_last_count()
    {
        using (IVisitStore store = OpenOrFail())
        {
            store.Write(5);
            store.Write(1234);
        }

        Assert.Equal("1234", File.ReadAllText(_dir.VisitsFile).Trim());
        Assert.Equal(VisitRecord.Length, new FileInfo(_dir.VisitsFile).Length);
        StoreOpenResult reopened = Open();
        reopened.Store?.Dispose();
        Assert.Equal(1234, reopened.Count);
    }

    [Fact]
    public void Lab_format_file_keeps_its_count_and_is_converted_to_a_record()
    {
        File.WriteAllText(_dir.VisitsFile, "74\n");

        StoreOpenResult opened = Open();
        using IVisitStore? store = opened.Store;

        Assert.True(opened.IsOpen, opened.Problem);
        Assert.Equal(74, opened.Count);
        Assert.True(VisitRecord.Parse(File.ReadAllBytes(_dir.VisitsFile)).IsRecord);
    }

    [Fact]
    public void Corrupt_file_is_refused_by_default_left_in_place_and_copied_aside()
    {
        File.WriteAllText(_dir.VisitsFile, "garbage\n");

        StoreOpenResult opened = Open();

        Assert.False(opened.IsOpen);
        Assert.Null(opened.Count);
        Assert.Contains("corrupt", opened.Problem, StringComparison.Ordinal);
        Assert.Contains("garbage", opened.Problem, StringComparison.Ordinal);
        Assert.Contains(CorruptFilePolicy.VariableName, opened.Problem, StringComparison.Ordinal);
        Assert.Equal("garbage\n", File.ReadAllText(_dir.VisitsFile));
        string copy = Assert.Single(Directory.GetFiles(_dir.Path, "visits.corrupt-*"));
        Assert.Equal("garbage\n", File.ReadAllText(copy));
    }

    [Fact]
    public void Refusal_survives_a_restart_so_the_count_is_never_silently_reset()
    {
        File.WriteAllText(_dir.VisitsFile, "garbage\n");
        Assert.False(Open().IsOpen);

        StoreOpenResult second = Open();

        Assert.False(second.IsOpen);
        string copy = Assert.Single(Directory.GetFiles(_dir.Path, "visits.corrupt-*"));
        Assert.Contains(copy, second.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_corruption_gets_its_own_copy()
    {
        File.WriteAllText(_dir.VisitsFile, "garbage\n");
        Assert.False(Open().IsOpen);
        File.WriteAllText(_dir.VisitsFile, "other garbage\n");

        Assert.False(Open().IsOpen);

        string[] copies = Directory.GetFiles(_dir.Path, "visits.corrupt-*");
        Assert.Equal(2, copies.Length);
        Assert.Equal(["garbage\n", "other garbage\n"], copies.Select(File.ReadAllText).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Recovery_setting_continues_from_the_chosen_count_after_keeping_the_bad_file()
    {
        File.WriteAllBytes(_dir.VisitsFile, Encoding.ASCII.GetBytes("12\0\0"));

        StoreOpenResult opened = FileVisitStore.Open(_dir.VisitsFile, CorruptFilePolicy.RestartAt(500), NullLogger.Instance);
        using IVisitStore? store = opened.Store;

        Assert.True(opened.IsOpen, opened.Problem);
        Assert.Equal(500, opened.Count);
        Assert.Equal("500", File.ReadAllText(_dir.VisitsFile).Trim());
        string copy = Assert.Single(Directory.GetFiles(_dir.Path, "visits.corrupt-*"));
        Assert.Equal("12\0\0"u8.ToArray(), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Torn_record_is_refused()
    {
        byte[] record = VisitRecord.Format(1999);
        VisitRecord.Format(2000).AsSpan(0, 2).CopyTo(record);
        File.WriteAllBytes(_dir.VisitsFile, record);

        StoreOpenResult opened = Open();

        Assert.False(opened.IsOpen);
        Assert.Contains("checksum", opened.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Visits_file_that_is_a_directory_is_refused_with_a_clear_reason()
    {
        Directory.CreateDirectory(_dir.VisitsFile);

        StoreOpenResult opened = Open();

        Assert.False(opened.IsOpen);
        Assert.Contains(_dir.VisitsFile, opened.Problem, StringComparison.Ordinal);
    }

    private StoreOpenResult Open() => FileVisitStore.Open(_dir.VisitsFile, CorruptFilePolicy.Refuse, NullLogger.Instance);

    private IVisitStore OpenOrFail()
    {
        StoreOpenResult opened = Open();
        Assert.True(opened.IsOpen, opened.Problem);
        return opened.Store;
    }
}
