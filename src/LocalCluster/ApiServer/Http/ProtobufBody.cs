using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// Reads the protobuf request bodies kubectl's typed generators send (<c>kubectl create namespace NAME</c> posts a
/// <c>application/vnd.kubernetes.protobuf</c> Namespace). The server otherwise speaks JSON only, so this decodes just
/// what those commands carry: the <c>k8s\0</c>-prefixed <c>runtime.Unknown</c> envelope and a Namespace's metadata.
/// Any other protobuf kind gets 415, which tells the client which media types to use instead.
/// See https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding.
/// </summary>
public static partial class ProtobufBody
{
    /// <summary>The media type of Kubernetes protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Whether <paramref name="contentType"/> names the protobuf encoding.</summary>
    public static bool IsProtobuf(string? contentType) =>
        contentType is not null && contentType.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes <paramref name="body"/> into the JSON object the rest of the server works with.</summary>
    /// <exception cref="ApiException">400 for a malformed body, 415 for a kind this server cannot read from protobuf.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the k8s\\0 prefix");
        }

        string? apiVersion = null, kind = null;
        var raw = ReadOnlySpan<byte>.Empty;
        var envelope = new Reader(body[Magic.Length..]);
        while (envelope.Next(out var field, out var value))
        {
            if (field == 1)
            {
                var typeMeta = new Reader(value);
                while (typeMeta.Next(out var f, out var v))
                {
                    if (f == 1) apiVersion = Encoding.UTF8.GetString(v);
                    else if (f == 2) kind = Encoding.UTF8.GetString(v);
                }
            }
            else if (field == 2)
            {
                raw = value;
            }
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        if (!DecodeKind(apiVersion, kind, raw, obj))
        {
            throw ApiException.UnsupportedMediaType(["application/json", "application/yaml"]);
        }

        return obj;
    }

    // ObjectMeta field numbers from k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto.
    private static void ReadObjectMeta(ReadOnlySpan<byte> bytes, JsonObject metadata)
    {
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var value))
        {
            switch (field)
            {
                case 1:
                    metadata["name"] = Encoding.UTF8.GetString(value);
                    break;
                case 2:
                    metadata["generateName"] = Encoding.UTF8.GetString(value);
                    break;
                case 3:
                    metadata["namespace"] = Encoding.UTF8.GetString(value);
                    break;
                case 11:
                    AddMapEntry(value, metadata, "labels");
                    break;
                case 12:
                    AddMapEntry(value, metadata, "annotations");
                    break;
            }
        }
    }

    private static void AddMapEntry(ReadOnlySpan<byte> entry, JsonObject metadata, string property, bool base64Values = false)
    {
        string? key = null, text = null;
        var reader = new Reader(entry);
        while (reader.Next(out var field, out var value))
        {
            if (field == 1) key = Encoding.UTF8.GetString(value);
            else if (field == 2) text = base64Values ? Convert.ToBase64String(value) : Encoding.UTF8.GetString(value);
        }

        if (key is null) return;
        if (metadata[property] is not JsonObject map)
        {
            map = new JsonObject();
            metadata[property] = map;
        }

        map[key] = text ?? string.Empty;
    }

    /// <summary>Walks the fields of one protobuf message; only length-delimited values are returned, others skipped.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public bool Next(out int field, out ReadOnlySpan<byte> value)
        {
            while (!_rest.IsEmpty)
            {
                var tag = ReadVarint();
                field = (int)(tag >> 3);
                switch (tag & 7)
                {
                    case 0:
                        ReadVarint();
                        continue;
                    case 1:
                        Skip(8);
                        continue;
                    case 5:
                        Skip(4);
                        continue;
                    case 2:
                        var length = ReadVarint();
                        if (length > (ulong)_rest.Length) throw Malformed();
                        value = _rest[..(int)length];
                        _rest = _rest[(int)length..];
                        return true;
                    default:
                        throw Malformed();
                }
            }

            field = 0;
            value = default;
            return false;
        }

        private ulong ReadVarint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_rest.IsEmpty) throw Malformed();
                var b = _rest[0];
                _rest = _rest[1..];
                result |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return result;
            }

            throw Malformed();
        }

        private void Skip(int count)
        {
            if (_rest.Length < count) throw Malformed();
            _rest = _rest[count..];
        }

        private static ApiException Malformed() => ApiException.BadRequest("the protobuf body is truncated or malformed");
    }
}
