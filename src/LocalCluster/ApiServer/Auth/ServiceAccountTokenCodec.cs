using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// Signs and verifies service account tokens: JWTs with the claims kube-apiserver puts in bound tokens
/// (<c>iss</c>, <c>sub</c> = <c>system:serviceaccount:NS:NAME</c>, <c>aud</c>, <c>exp</c>, <c>iat</c>, <c>nbf</c>,
/// <c>jti</c> and the private <c>kubernetes.io</c> claim with namespace, service account and pod). The real server
/// signs with RS256 so that others can verify; only this server verifies here, so HS256 with a per-cluster key does.
/// Pure apart from the random <c>jti</c>: time comes in as arguments.
/// </summary>
public sealed class ServiceAccountTokenCodec(byte[] key)
{
    /// <summary>The issuer, and the default audience, as a real cluster's API server names itself.</summary>
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    private static readonly string Header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);

    /// <summary>Signs a token carrying <paramref name="claims"/>, issued at <paramref name="issuedAt"/>.</summary>
    public string Sign(ServiceAccountTokenClaims claims, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var kubernetes = new JsonObject
        {
            ["namespace"] = claims.Namespace,
            ["serviceaccount"] = new JsonObject { ["name"] = claims.ServiceAccountName, ["uid"] = claims.ServiceAccountUid },
        };
        if (claims.Pod is { } pod) kubernetes["pod"] = new JsonObject { ["name"] = pod.Name, ["uid"] = pod.Uid };
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray(claims.Audiences.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["exp"] = claims.ExpiresAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["sub"] = UserInfo.ServiceAccountUserName(claims.Namespace, claims.ServiceAccountName),
        };
        var signingInput = Header + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The token's claims when its signature is ours, it names a service account and it is valid at <paramref name="now"/>; null otherwise.</summary>
    public ServiceAccountTokenClaims? Verify(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header) return null;
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (FromBase64Url(parts[2]) is not { } signature || !CryptographicOperations.FixedTimeEquals(signature, expected)) return null;
        return FromBase64Url(parts[1]) is { } bytes ? Claims(bytes, now) : null;
    }

    private static ServiceAccountTokenClaims? Claims(byte[] payloadBytes, DateTimeOffset now)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(payloadBytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        var kubernetes = payload?["kubernetes.io"];
        if (Long(payload?["exp"]) is not { } exp || Str(kubernetes?["namespace"]) is not { } ns
            || Str(kubernetes?["serviceaccount"]?["name"]) is not { } name || Str(kubernetes?["serviceaccount"]?["uid"]) is not { } uid)
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(Long(payload?["nbf"]) ?? 0);
        // A minute of leeway for nbf, as the real validator allows for clock skew.
        if (now >= expires || now < notBefore.AddMinutes(-1)) return null;
        var pod = kubernetes?["pod"] is { } p && Str(p["name"]) is { } podName && Str(p["uid"]) is { } podUid ? new BoundPod(podName, podUid) : null;
        var audiences = (payload?["aud"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        return new ServiceAccountTokenClaims(ns, name, uid, audiences, expires, pod);
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
