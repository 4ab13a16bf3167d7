using System.Text;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// The kinds kubectl's generators post as protobuf (<c>kubectl create namespace|secret|configmap|serviceaccount|role|
/// rolebinding|clusterrole|clusterrolebinding</c>), with the field numbers of k8s.io/api's generated.proto. Fields
/// that are varints (<c>immutable</c>, <c>automountServiceAccountToken</c>) are not carried by those commands.
/// </summary>
public static partial class ProtobufBody
{
    private static bool DecodeKind(string? apiVersion, string? kind, ReadOnlySpan<byte> raw, JsonObject obj)
    {
        const string rbac = "rbac.authorization.k8s.io/v1";
        var metadata = new JsonObject();
        obj["metadata"] = metadata;
        var reader = new Reader(raw);
        switch (apiVersion, kind)
        {
            case ("v1", "Namespace"):
                while (reader.Next(out var field, out var value))
                {
                    if (field == 1) ReadObjectMeta(value, metadata);
                }

                return true;
            case ("v1", "Secret"):
                while (reader.Next(out var field, out var value))
                {
                    switch (field)
                    {
                        case 1: ReadObjectMeta(value, metadata); break;
                        case 2: AddMapEntry(value, obj, "data", base64Values: true); break;
                        case 3: obj["type"] = Encoding.UTF8.GetString(value); break;
                        case 4: AddMapEntry(value, obj, "stringData"); break;
                    }
                }

                return true;
            case ("v1", "ConfigMap"):
                while (reader.Next(out var field, out var value))
                {
                    switch (field)
                    {
                        case 1: ReadObjectMeta(value, metadata); break;
                        case 2: AddMapEntry(value, obj, "data"); break;
                        case 3: AddMapEntry(value, obj, "binaryData", base64Values: true); break;
                    }
                }

                return true;
            case ("v1", "ServiceAccount"):
                while (reader.Next(out var field, out var value))
                {
                    if (field == 1) ReadObjectMeta(value, metadata);
                }

                return true;
            case (rbac, "Role" or "ClusterRole"):
                while (reader.Next(out var field, out var value))
                {
                    if (field == 1) ReadObjectMeta(value, metadata);
                    else if (field == 2) Append(obj, "rules", ReadPolicyRule(value));
                }

                return true;
            case (rbac, "RoleBinding" or "ClusterRoleBinding"):
                while (reader.Next(out var field, out var value))
                {
                    switch (field)
                    {
                        case 1: ReadObjectMeta(value, metadata); break;
                        case 2: Append(obj, "subjects", ReadStrings(value, [(1, "kind"), (2, "apiGroup"), (3, "name"), (4, "namespace")])); break;
                        case 3: obj["roleRef"] = ReadStrings(value, [(1, "apiGroup"), (2, "kind"), (3, "name")]); break;
                    }
                }

                return true;
            case ("authorization.k8s.io/v1", "SelfSubjectAccessReview" or "SubjectAccessReview" or "SelfSubjectRulesReview"):
                while (reader.Next(out var field, out var value))
                {
                    if (field == 1) ReadObjectMeta(value, metadata);
                    else if (field == 2) obj["spec"] = kind == "SelfSubjectRulesReview" ? ReadStrings(value, [(1, "namespace")]) : ReadReviewSpec(value);
                }

                return true;
            case ("meta.k8s.io/v1" or "v1", "DeleteOptions"):
                obj.Remove("metadata");
                while (reader.Next(out var field, out var value))
                {
                    switch (field)
                    {
                        case 2: obj["preconditions"] = ReadStrings(value, [(1, "uid"), (2, "resourceVersion")]); break;
                        case 4: obj["propagationPolicy"] = Encoding.UTF8.GetString(value); break;
                        case 5: Append(obj, "dryRun", JsonValue.Create(Encoding.UTF8.GetString(value))); break;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>authorization/v1 SubjectAccessReviewSpec (SelfSubjectAccessReviewSpec is its first two fields).</summary>
    private static JsonObject ReadReviewSpec(ReadOnlySpan<byte> bytes)
    {
        var spec = new JsonObject();
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var value))
        {
            switch (field)
            {
                case 1:
                    spec["resourceAttributes"] = ReadStrings(value,
                        [(1, "namespace"), (2, "verb"), (3, "group"), (4, "version"), (5, "resource"), (6, "subresource"), (7, "name")]);
                    break;
                case 2: spec["nonResourceAttributes"] = ReadStrings(value, [(1, "path"), (2, "verb")]); break;
                case 3: spec["user"] = Encoding.UTF8.GetString(value); break;
                case 4: Append(spec, "groups", JsonValue.Create(Encoding.UTF8.GetString(value))); break;
                case 6: spec["uid"] = Encoding.UTF8.GetString(value); break;
            }
        }

        return spec;
    }

    private static JsonObject ReadPolicyRule(ReadOnlySpan<byte> bytes)
    {
        string[] names = ["", "verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"];
        var rule = new JsonObject();
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var value))
        {
            if (field is >= 1 and <= 5) Append(rule, names[field], JsonValue.Create(Encoding.UTF8.GetString(value)));
        }

        return rule;
    }

    private static JsonObject ReadStrings(ReadOnlySpan<byte> bytes, (int Field, string Name)[] fields)
    {
        var result = new JsonObject();
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var value))
        {
            foreach (var (number, name) in fields)
            {
                if (number == field) result[name] = Encoding.UTF8.GetString(value);
            }
        }

        return result;
    }

    private static void Append(JsonObject parent, string property, JsonNode item)
    {
        if (parent[property] is not JsonArray list)
        {
            list = [];
            parent[property] = list;
        }

        list.Add(item);
    }
}
