using System.Text;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Http;

namespace VisitCounter.LocalCluster.Tests.Server.Http;

/// <summary>The protobuf bodies of kubectl's typed generators (<c>kubectl create namespace</c>).</summary>
public sealed class ProtobufBodyTests
{
    [Fact]
    public void A_namespace_envelope_decodes_to_its_json_object()
    {
        var meta = Concat(Field(1, "team-a"u8), Field(11, Concat(Field(1, "env"u8), Field(2, "dev"u8))), Varint(7, 3));
        var body = Envelope("v1", "Namespace", Field(1, meta));

        var obj = ProtobufBody.Decode(body);

        Assert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a","labels":{"env":"dev"}}}""", obj.ToJsonString());
    }

    [Fact]
    public void Another_kind_is_415_naming_the_media_types_to_use()
    {
        var body = Envelope("apps/v1", "Deployment", Field(1, Field(1, "web"u8)));

        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(body));

        Assert.Equal(415, error.Code);
        Assert.Contains("application/json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'k', (byte)'8', (byte)'s', 0, 0x0a, 0x7f })]
    public void A_malformed_body_is_400(byte[] body)
    {
        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(body));

        Assert.Equal(400, error.Code);
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        Concat("k8s\0"u8.ToArray(), Field(1, Concat(Field(1, Encoding.UTF8.GetBytes(apiVersion)), Field(2, Encoding.UTF8.GetBytes(kind)))), Field(2, raw));

    private static byte[] Field(int number, ReadOnlySpan<byte> value) =>
        Concat([(byte)((number << 3) | 2), (byte)value.Length], value.ToArray());

    private static byte[] Varint(int number, byte value) => [(byte)(number << 3), value];

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
