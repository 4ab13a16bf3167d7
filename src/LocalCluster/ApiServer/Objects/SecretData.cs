using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// A Secret's payload as the real server handles it: <c>data</c> values are base64 (Go's <c>[]byte</c> JSON
/// encoding, so a value that is not base64 fails decoding with 400), and the write-only <c>stringData</c> is folded
/// into <c>data</c> (its values win) and never stored.
/// </summary>
internal static class SecretData
{
    /// <summary>Checks <c>data</c> and folds <c>stringData</c> into it, in place.</summary>
    /// <exception cref="ApiException">400 for a <c>data</c> value that is not base64.</exception>
    public static void Normalize(JsonObject secret)
    {
        if (secret["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
                var offset = text is null ? 0 : InvalidBase64Offset(text);
                if (offset is not null)
                {
                    throw ApiException.BadRequest(
                        $"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte {offset} (data[{key}])");
                }
            }
        }

        if (secret["stringData"] is not JsonObject stringData)
        {
            secret.Remove("stringData");
            return;
        }

        if (secret["data"] is not JsonObject target)
        {
            target = [];
            secret["data"] = target;
        }

        foreach (var (key, value) in stringData)
        {
            target[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? string.Empty));
        }

        secret.Remove("stringData");
    }

    /// <summary>Null for valid base64; otherwise where decoding breaks, roughly as Go's decoder reports it (the first
    /// character outside the alphabet, or the end for a truncated value).</summary>
    private static int? InvalidBase64Offset(string text)
    {
        var buffer = new byte[((text.Length + 3) / 4) * 3];
        return Convert.TryFromBase64String(text, buffer, out _)
            ? null
            : text.TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=').Count();
    }
}
