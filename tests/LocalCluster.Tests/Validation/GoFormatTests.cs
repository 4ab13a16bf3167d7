using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

public sealed class GoFormatTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(3, "3")]
    [InlineData(1000, "1000")]
    [InlineData(100000, "100000")]
    [InlineData(1000000, "1e+06")]
    [InlineData(1500000, "1.5e+06")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.25, "-2.25")]
    public void Floats_print_like_go_percent_v(double value, string expected)
    {
        Assert.Equal(expected, GoFormat.Float(value));
    }

    [Theory]
    [InlineData("\"x\"", "\"x\"")]
    [InlineData("\"say \\\"hi\\\"\\n\"", "\"say \\\"hi\\\"\\n\"")]
    [InlineData("-1", "-1")]
    [InlineData("2.5", "2.5")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("[\"a\",1]", "[]interface {}{\"a\", 1}")]
    [InlineData("{\"b\":1,\"a\":\"x\"}", "map[string]interface {}{\"a\":\"x\", \"b\":1}")]
    public void Values_print_like_field_error_bad_values(string json, string expected)
    {
        Assert.Equal(expected, GoFormat.Value(JsonNode.Parse(json)));
    }
}
