using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace VisitCounter.Kube.Serialization;

/// <summary>
/// YAML ⇄ <see cref="JsonNode"/> conversion for manifests and kubeconfig files. Works on YamlDotNet's
/// representation model (no reflection, so it is AOT-safe). Plain scalars are typed with the YAML 1.2
/// core schema (<c>true</c>, <c>null</c>, <c>42</c>, <c>1.5</c>); quoted scalars are always strings.
/// </summary>
public static class KubernetesYaml
{
    /// <summary>Parses every document of a (possibly multi-document) YAML stream; empty documents are skipped.</summary>
    /// <exception cref="FormatException">The text is not valid YAML; the message has the line and column.</exception>
    public static IReadOnlyList<JsonNode> LoadAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"Invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some structural errors (unclosed flow collections, duplicate keys) without a position.
            throw new FormatException($"Invalid YAML: {e.Message}", e);
        }

        var result = new List<JsonNode>();
        foreach (var document in stream.Documents)
        {
            if (ToJsonNode(document.RootNode) is { } node)
            {
                result.Add(node);
            }
        }

        return result;
    }

    /// <summary>Parses a single-document YAML text; null when it is empty.</summary>
    /// <exception cref="FormatException">Invalid YAML, or more than one document.</exception>
    public static JsonNode? Load(string yaml)
    {
        var documents = LoadAll(yaml);
        return documents.Count switch
        {
            0 => null,
            1 => documents[0],
            _ => throw new FormatException($"Expected one YAML document, found {documents.Count}."),
        };
    }

    /// <summary>Writes a JSON value as block-style YAML (keys in their JSON order).</summary>
    public static string Dump(JsonNode? node)
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        {
            var emitter = new Emitter(writer);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            Emit(emitter, node);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }

        return builder.ToString();
    }

    private static JsonNode? ToJsonNode(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToJsonObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJsonNode).ToArray()),
        YamlScalarNode scalar => ToJsonValue(scalar),
        _ => throw new FormatException($"Unsupported YAML node {node.NodeType}."),
    };

    private static JsonObject ToJsonObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new FormatException($"Only scalar mapping keys are supported (line {key.Start.Line}).");
            }

            result[name] = ToJsonNode(value);
        }

        return result;
    }

    private static JsonValue? ToJsonValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || scalar.Tag == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(text);
        }

        return ResolvePlain(text) switch
        {
            PlainKind.Null => null,
            PlainKind.True => JsonValue.Create(true),
            PlainKind.False => JsonValue.Create(false),
            PlainKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? JsonValue.Create(l)
                : JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            PlainKind.Float => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    private enum PlainKind
    {
        String,
        Null,
        True,
        False,
        Integer,
        Float,
    }

    private static PlainKind ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return PlainKind.Null;
            case "true" or "True" or "TRUE":
                return PlainKind.True;
            case "false" or "False" or "FALSE":
                return PlainKind.False;
        }

        var span = text.AsSpan();
        var start = span[0] is '-' or '+' ? 1 : 0;
        if (start == span.Length)
        {
            return PlainKind.String;
        }

        var allDigits = true;
        for (var i = start; i < span.Length; i++)
        {
            allDigits &= char.IsAsciiDigit(span[i]);
        }

        if (allDigits)
        {
            return PlainKind.Integer;
        }

        // YAML 1.2 core float: digits with an optional fraction and exponent; "1Gi" and "500m" stay strings.
        var sawDigit = false;
        var i2 = start;
        while (i2 < span.Length && char.IsAsciiDigit(span[i2]))
        {
            i2++;
            sawDigit = true;
        }

        if (i2 < span.Length && span[i2] == '.')
        {
            i2++;
            while (i2 < span.Length && char.IsAsciiDigit(span[i2]))
            {
                i2++;
                sawDigit = true;
            }
        }

        if (sawDigit && i2 < span.Length && span[i2] is 'e' or 'E')
        {
            i2++;
            if (i2 < span.Length && span[i2] is '+' or '-')
            {
                i2++;
            }

            var expDigits = false;
            while (i2 < span.Length && char.IsAsciiDigit(span[i2]))
            {
                i2++;
                expDigits = true;
            }

            if (!expDigits)
            {
                return PlainKind.String;
            }
        }

        return sawDigit && i2 == span.Length ? PlainKind.Float : PlainKind.String;
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                EmitValue(emitter, value);
                break;
        }
    }

    private static void EmitValue(IEmitter emitter, JsonValue value)
    {
        var element = value.GetValueKind();
        switch (element)
        {
            case JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        // A string that would read back as another type ("true", "1", "null") or that YAML cannot write plainly gets quoted.
        var style = ResolvePlain(text) != PlainKind.String || NeedsQuoting(text)
            ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    private static bool NeedsQuoting(string text)
        => text.Length == 0
           || text is "yes" or "no" or "on" or "off" or "Yes" or "No" or "On" or "Off" or "y" or "n" or "Y" or "N"
           || text.StartsWith(' ') || text.EndsWith(' ');
}
