using VisitCounter.Kube.Models;
using VisitCounter.Operator.Recovery;

namespace VisitCounter.Operator.Tests.Recovery;

public sealed class RecoveryRecordTests
{
    [Fact]
    public void Record_round_trips_through_the_annotation_value()
    {
        var record = RecoveryRecord.Empty.With("web-r3", "web-2").With("web-r3", "web-1");

        Assert.Equal("web-r3:web-1,web-2", record.Format());
        var read = RecoveryRecord.Read(new V1ObjectMeta { Annotations = new Dictionary<string, string> { [RecoveryRecord.AnnotationKey] = record.Format() } });
        Assert.True(read.Contains("web-r3", "web-1"));
        Assert.True(read.Contains("web-r3", "web-2"));
        Assert.False(read.Contains("web-r4", "web-2"));
    }

    [Fact]
    public void A_new_revision_starts_a_new_record()
    {
        var record = RecoveryRecord.Empty.With("web-r2", "web-2").With("web-r3", "web-1");

        Assert.Equal("web-r3:web-1", record.Format());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-separator")]
    [InlineData(":web-2")]
    public void Missing_or_unreadable_annotation_reads_as_empty(string? value)
    {
        Assert.Same(RecoveryRecord.Empty, RecoveryRecord.Parse(value));
    }
}
