using System.Text;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.OpenApi;

/// <summary>
/// A minimal OpenAPI v2 document in gnostic's protobuf encoding (<c>application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>):
/// one PATCH operation per served kind carrying its <c>x-kubernetes-group-version-kind</c> and the
/// <c>fieldValidation</c> query parameter. kubectl up to 1.28 checks server-side field validation support
/// here (later versions use OpenAPI v3); without it their <c>apply</c> refuses to run. It has no definitions,
/// so clients fall back to their compiled-in types for patch computation, as with an unknown kind.
/// Field numbers follow gnostic's OpenAPIv2.proto.
/// </summary>
internal static class OpenApiV2Document
{
    public const string MediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    public static byte[] Build(IEnumerable<ResourceDefinition> definitions)
    {
        var paths = new ProtoWriter();
        foreach (var d in definitions.OrderBy(d => d.Ref.Group, StringComparer.Ordinal).ThenBy(d => d.Ref.Resource, StringComparer.Ordinal))
        {
            var prefix = d.Ref.Group.Length == 0 ? $"/api/{d.Ref.Version}" : $"/apis/{d.Ref.Group}/{d.Ref.Version}";
            var path = d.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{d.Ref.Resource}/{{name}}" : $"{prefix}/{d.Ref.Resource}/{{name}}";
            var operation = new ProtoWriter();
            foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation", "force" })
            {
                var query = new ProtoWriter().String(2, "query").String(4, name).String(6, name == "force" ? "boolean" : "string");
                var nonBody = new ProtoWriter().Message(3, query);
                var parameter = new ProtoWriter().Message(2, nonBody);
                operation.Message(8, new ProtoWriter().Message(1, parameter));
            }
            var gvkYaml = $"group: \"{d.Ref.Group}\"\nkind: {d.Kind}\nversion: {d.Ref.Version}\n";
            operation.Message(13, new ProtoWriter().String(1, "x-kubernetes-group-version-kind").Message(2, new ProtoWriter().String(2, gvkYaml)));
            operation.Message(13, new ProtoWriter().String(1, "x-kubernetes-action").Message(2, new ProtoWriter().String(2, "patch\n")));
            var pathItem = new ProtoWriter().Message(8, operation);
            paths.Message(2, new ProtoWriter().String(1, path).Message(2, pathItem));
        }
        var info = new ProtoWriter().String(1, "Kubernetes").String(2, "v1.32.4");
        return new ProtoWriter().String(1, "2.0").Message(2, info).Message(8, paths).ToArray();
    }

    /// <summary>Just enough of the protobuf wire format: length-delimited fields (strings and messages).</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _buffer.ToArray();

        private ProtoWriter Bytes(int field, byte[] value)
        {
            Varint((ulong)((field << 3) | 2));
            Varint((ulong)value.Length);
            _buffer.Write(value);
            return this;
        }

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.WriteByte((byte)value);
        }
    }
}
