using System.Text.Json;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Tests.Models;

public sealed class ResourceQuantityTests
{
    [Theory]
    [InlineData("1Gi", "1073741824")]
    [InlineData("100Mi", "104857600")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("500m", "0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("1E-3", "0.001")]
    [InlineData("2k", "2000")]
    [InlineData("3M", "3000000")]
    [InlineData("1Ki", "1024")]
    [InlineData("100n", "0.0000001")]
    [InlineData("42", "42")]
    [InlineData("-1", "-1")]
    [InlineData("+.5", "0.5")]
    public void Parses_suffixes_to_base_units(string text, string expected)
    {
        Assert.True(ResourceQuantity.TryParse(text, out var quantity));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), quantity.Value);
        Assert.Equal(text, quantity.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Gi")]
    [InlineData("1 Gi")]
    [InlineData("1GB")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("abc")]
    public void Rejects_malformed_quantities(string text)
    {
        Assert.False(ResourceQuantity.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => ResourceQuantity.Parse(text));
        Assert.Contains("1Gi", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compares_by_value_across_suffixes()
    {
        Assert.Equal(ResourceQuantity.Parse("1Gi"), ResourceQuantity.Parse("1024Mi"));
        Assert.True(ResourceQuantity.Parse("2Gi") > ResourceQuantity.Parse("1Gi"));
        Assert.True(ResourceQuantity.Parse("1G") < ResourceQuantity.Parse("1Gi"));
        Assert.True(ResourceQuantity.Parse("500m") < ResourceQuantity.Parse("1"));
        Assert.Equal(ResourceQuantity.Parse("1Gi").GetHashCode(), ResourceQuantity.Parse("1024Mi").GetHashCode());
    }

    [Fact]
    public void Json_keeps_the_original_spelling_and_accepts_numbers()
    {
        var requirements = JsonSerializer.Deserialize("""{"requests":{"storage":"1Gi","cpu":0.5}}""", KubeJsonContext.Default.V1ResourceRequirements)!;
        Assert.Equal(ResourceQuantity.Parse("1024Mi"), requirements.Requests!["storage"]);
        Assert.Equal(0.5m, requirements.Requests["cpu"].Value);
        Assert.Equal("""{"requests":{"storage":"1Gi","cpu":"0.5"}}""", JsonSerializer.Serialize(requirements, KubeJsonContext.Default.V1ResourceRequirements));
    }

    [Fact]
    public void Json_with_an_invalid_quantity_names_the_value()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"requests":{"storage":"lots"}}""", KubeJsonContext.Default.V1ResourceRequirements));
        Assert.Contains("'lots'", error.Message, StringComparison.Ordinal);
    }
}
