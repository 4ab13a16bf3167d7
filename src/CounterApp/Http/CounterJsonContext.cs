using System.Text.Json.Serialization;

namespace VisitCounter.CounterApp.Http;

/// <summary>Source-generated JSON for the app's answers (no reflection, so the app publishes as Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VisitCount))]
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class CounterJsonContext : JsonSerializerContext;
