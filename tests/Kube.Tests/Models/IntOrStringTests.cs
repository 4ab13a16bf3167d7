using System.Text.Json;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Tests.Models;

public sealed class IntOrStringTests
{
    [Theory]
    [InlineData("""{"port":80,"targetPort":8080}""")]
    [InlineData("""{"port":80,"targetPort":"http"}""")]
    public void Keeps_the_json_form_it_was_given(string json)
    {
        var port = JsonSerializer.Deserialize(json, KubeJsonContext.Default.V1ServicePort)!;
        Assert.Equal(json, JsonSerializer.Serialize(port, KubeJsonContext.Default.V1ServicePort));
    }

    [Fact]
    public void Implicit_conversions_pick_the_form()
    {
        IntOrString number = 8080;
        IntOrString name = "http";
        Assert.True(number.IsInt);
        Assert.Equal(8080, number.IntValue);
        Assert.False(name.IsInt);
        Assert.Equal("http", name.StringValue);
        Assert.Equal(IntOrString.FromInt(1), (IntOrString)1);
        Assert.NotEqual(IntOrString.FromInt(1), IntOrString.FromString("1"));
    }

    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("100%", 3, false, 3)]
    [InlineData("2", 10, false, 2)]
    public void Scales_percentages_like_intstr(string value, int total, bool roundUp, int expected)
        => Assert.Equal(expected, IntOrString.FromString(value).GetScaledValue(total, roundUp));

    [Fact]
    public void A_non_numeric_string_cannot_be_scaled()
        => Assert.Throws<FormatException>(() => IntOrString.FromString("http").GetScaledValue(10, false));

    [Fact]
    public void A_boolean_is_rejected_with_a_clear_message()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"port":80,"targetPort":true}""", KubeJsonContext.Default.V1ServicePort));
        Assert.Contains("int-or-string", error.Message, StringComparison.Ordinal);
    }
}
