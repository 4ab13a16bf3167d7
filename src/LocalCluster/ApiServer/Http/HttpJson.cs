using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>Writes JSON bodies and metav1.Status errors.</summary>
internal static class HttpJson
{
    public const string JsonContentType = "application/json";

    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode? body, string contentType = JsonContentType)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        var bytes = Serialize(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteAsync(context, error.Code, error.ToStatus());

    public static byte[] Serialize(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null) writer.WriteNullValue();
            else node.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads the request body as JSON (400 with the decoder's complaint when it is not).</summary>
    public static async Task<JsonNode> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0) throw ApiException.BadRequest("the request body is empty");
        var bytes = buffer.ToArray();
        if (ProtobufBody.IsProtobuf(context.Request.ContentType))
        {
            return ProtobufBody.Decode(bytes);
        }

        try
        {
            return JsonNode.Parse(bytes) ?? throw ApiException.BadRequest("the request body is null");
        }
        catch (JsonException) when (LooksLikeYaml(bytes))
        {
            return YamlToJson.Convert(System.Text.Encoding.UTF8.GetString(bytes));
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    private static bool LooksLikeYaml(byte[] bytes)
    {
        var first = bytes.SkipWhile(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t').FirstOrDefault();
        return first is not ((byte)'{' or (byte)'[');
    }

    /// <summary>A Success Status, as DELETE answers for kinds that do not return the deleted object.</summary>
    public static JsonObject SuccessStatus(StatusDetails details) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = details.ToJson(),
    };
}
