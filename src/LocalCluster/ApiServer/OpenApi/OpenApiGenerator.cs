using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.OpenApi;

/// <summary>
/// Builds an OpenAPI v3 group-version document from resource definitions, shaped like the apiextensions
/// builder's output: per kind, the REST paths with <c>x-kubernetes-action</c> and
/// <c>x-kubernetes-group-version-kind</c>, and a schema named <c>&lt;reversed group&gt;.&lt;version&gt;.&lt;Kind&gt;</c>
/// (the CRD's openAPIV3Schema plus apiVersion/kind/metadata).
/// </summary>
internal static class OpenApiGenerator
{
    private const string MetaPrefix = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    public static JsonObject GroupVersionDocument(IReadOnlyList<ResourceDefinition> definitions)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject
        {
            [MetaPrefix + "ObjectMeta"] = ObjectMetaSchema(),
            [MetaPrefix + "ListMeta"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            [MetaPrefix + "Status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            [MetaPrefix + "Patch"] = new JsonObject { ["type"] = "object" },
            [MetaPrefix + "DeleteOptions"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            ["io.k8s.api.autoscaling.v1.Scale"] = new JsonObject
            {
                ["type"] = "object",
                ["x-kubernetes-preserve-unknown-fields"] = true,
                ["x-kubernetes-group-version-kind"] = new JsonArray(Gvk("autoscaling", "v1", "Scale")),
            },
        };
        foreach (var d in definitions.OrderBy(d => d.Ref.Resource, StringComparer.Ordinal))
        {
            var schemaName = SchemaName(d);
            schemas[schemaName] = KindSchema(d);
            schemas[schemaName + "List"] = ListSchema(d, schemaName);
            AddPaths(paths, d, schemaName);
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.4" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static string SchemaName(ResourceDefinition d)
    {
        var reversed = d.Ref.Group.Length == 0 ? "io.k8s.api.core" : string.Join('.', d.Ref.Group.Split('.').Reverse());
        return $"{reversed}.{d.Ref.Version}.{d.Kind}";
    }

    private static JsonObject KindSchema(ResourceDefinition d)
    {
        var schema = d.OpenApiSchema?.DeepClone() as JsonObject
            ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        if (schema["properties"] is not JsonObject properties)
        {
            properties = [];
            schema["properties"] = properties;
        }
        properties["apiVersion"] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
        };
        properties["kind"] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        };
        properties["metadata"] = new JsonObject
        {
            ["description"] = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{MetaPrefix}ObjectMeta" }),
            ["default"] = new JsonObject(),
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(d.Ref.Group, d.Ref.Version, d.Kind));
        return schema;
    }

    private static JsonObject ListSchema(ResourceDefinition d, string schemaName) => new()
    {
        ["type"] = "object",
        ["description"] = $"{d.Kind}List is a list of {d.Kind}",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["items"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" },
            },
            ["metadata"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{MetaPrefix}ListMeta" }) },
        },
        ["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(d.Ref.Group, d.Ref.Version, d.ListKind)),
    };

    private static void AddPaths(JsonObject paths, ResourceDefinition d, string schemaName)
    {
        var prefix = d.Ref.Group.Length == 0 ? $"/api/{d.Ref.Version}" : $"/apis/{d.Ref.Group}/{d.Ref.Version}";
        var scoped = d.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{d.Ref.Resource}" : $"{prefix}/{d.Ref.Resource}";
        var gvk = Gvk(d.Ref.Group, d.Ref.Version, d.Kind);
        var objectRef = $"#/components/schemas/{schemaName}";
        paths[scoped] = new JsonObject
        {
            ["get"] = Operation("list", gvk, $"{objectRef}List", ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "timeoutSeconds", "watch", "allowWatchBookmarks"]),
            ["post"] = WithBody(Operation("post", gvk, objectRef, ["dryRun", "fieldManager", "fieldValidation"]), ["application/json"], objectRef),
            ["delete"] = Operation("deletecollection", gvk, $"#/components/schemas/{MetaPrefix}Status", ["dryRun", "labelSelector", "fieldSelector"]),
        };
        if (d.Namespaced)
        {
            paths[$"{prefix}/{d.Ref.Resource}"] = new JsonObject
            {
                ["get"] = Operation("list", gvk, $"{objectRef}List", ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "timeoutSeconds", "watch"]),
            };
        }
        paths[scoped + "/{name}"] = ItemOperations(gvk, objectRef);
        if (d.HasStatus) paths[scoped + "/{name}/status"] = ItemOperations(gvk, objectRef, withDelete: false);
        if (d.Scale is not null)
        {
            paths[scoped + "/{name}/scale"] = ItemOperations(Gvk("autoscaling", "v1", "Scale"), "#/components/schemas/io.k8s.api.autoscaling.v1.Scale", withDelete: false);
        }
    }

    private static JsonObject ItemOperations(JsonObject gvk, string objectRef, bool withDelete = true)
    {
        var patchRef = $"#/components/schemas/{MetaPrefix}Patch";
        var item = new JsonObject
        {
            ["get"] = Operation("get", gvk, objectRef, []),
            ["put"] = WithBody(Operation("put", gvk, objectRef, ["dryRun", "fieldManager", "fieldValidation"]), ["application/json"], objectRef),
            ["patch"] = WithBody(Operation("patch", gvk, objectRef, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"], patchRef),
        };
        if (withDelete)
        {
            item["delete"] = Operation("delete", gvk, $"#/components/schemas/{MetaPrefix}Status", ["dryRun", "gracePeriodSeconds", "propagationPolicy"]);
        }
        return item;
    }

    private static JsonObject Operation(string action, JsonObject gvk, string responseRef, IEnumerable<string> queryParameters)
    {
        var parameters = new JsonArray();
        foreach (var name in queryParameters)
        {
            parameters.Add((JsonNode)new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = name is "force" or "watch" or "allowWatchBookmarks" ? "boolean" : "string", ["uniqueItems"] = true },
            });
        }
        return new JsonObject
        {
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = responseRef } } },
                },
            },
        };
    }

    private static JsonObject WithBody(JsonObject operation, string[] mediaTypes, string schemaRef)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = schemaRef } };
        }
        operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        return operation;
    }

    private static JsonObject ObjectMetaSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
        ["properties"] = new JsonObject
        {
            ["annotations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" } },
            ["creationTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["deletionTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["default"] = "" } },
            ["generateName"] = new JsonObject { ["type"] = "string" },
            ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            ["labels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" } },
            ["name"] = new JsonObject { ["type"] = "string" },
            ["namespace"] = new JsonObject { ["type"] = "string" },
            ["resourceVersion"] = new JsonObject { ["type"] = "string" },
            ["uid"] = new JsonObject { ["type"] = "string" },
        },
    };

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };
}
