using System.Text.Json.Nodes;
using Xunit;

namespace VisitCounter.TestSupport.OpenApi;

/// <summary>xunit assertions over <see cref="OpenApiValidator"/> that print every problem when they fail.</summary>
public static class OpenApiAssert
{
    /// <summary>Fails unless <paramref name="obj"/> is valid for its apiVersion/kind.</summary>
    public static void Valid(JsonNode obj)
    {
        var errors = OpenApiValidator.Load().Validate(obj);
        Assert.True(errors.Count == 0, $"{obj["kind"]} is not valid against the official schema:\n  {string.Join("\n  ", errors)}");
    }

    /// <summary>Fails unless <paramref name="obj"/> is valid for the named definition.</summary>
    public static void ValidDefinition(JsonNode obj, string definitionName)
    {
        var errors = OpenApiValidator.Load().ValidateDefinition(obj, definitionName);
        Assert.True(errors.Count == 0, $"Not a valid {definitionName}:\n  {string.Join("\n  ", errors)}");
    }
}
