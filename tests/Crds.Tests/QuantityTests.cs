using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Tests;

/// <summary>The quantity semantics the storage rules rely on (grow allowed, shrink refused, 1Gi == 1024Mi).</summary>
public sealed class QuantityTests
{
    [Theory]
    [InlineData("1Gi", "1024Mi")]
    [InlineData("1k", "1000")]
    [InlineData("1e3", "1k")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5Gi", "1536Mi")]
    public void Equal_amounts_in_different_units_compare_equal(string left, string right)
    {
        Assert.Equal(ResourceQuantity.Parse(left), ResourceQuantity.Parse(right));
    }

    [Theory]
    [InlineData("1Gi", "2Gi")]
    [InlineData("500Mi", "1Gi")]
    [InlineData("1G", "1Gi")]
    [InlineData("100m", "1")]
    public void Smaller_amounts_compare_smaller(string smaller, string larger)
    {
        Assert.True(ResourceQuantity.Parse(smaller) < ResourceQuantity.Parse(larger));
        Assert.True(ResourceQuantity.Parse(larger) > ResourceQuantity.Parse(smaller));
    }

    [Theory]
    [InlineData("1Gi", 1073741824)]
    [InlineData("100Mi", 104857600)]
    [InlineData("500m", 0.5)]
    [InlineData("2e2", 200)]
    public void Values_are_in_base_units(string text, double expected)
    {
        Assert.Equal((decimal)expected, ResourceQuantity.Parse(text).Value);
    }

    [Fact]
    public void Text_is_kept_as_written_so_a_read_modify_write_does_not_rewrite_it()
    {
        Assert.Equal("1024Mi", ResourceQuantity.Parse("1024Mi").ToString());
    }
}
