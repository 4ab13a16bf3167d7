using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Generation;

/// <summary>
/// Builds an <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition from an entity type: names from
/// <see cref="KubernetesEntityAttribute"/> and friends, a structural schema from the spec and status types,
/// subresources and printer columns from the class attributes.
/// </summary>
public static class CrdGenerator
{
    private const string ReflectionWarning = "Reflects over the entity's types; call it from the generate command or tests, not from trimmed code. The operator installs the embedded, pre-generated CRD instead (VisitCounterAppCrd).";

    /// <summary>Generates the CRD of <typeparamref name="TEntity"/>, with descriptions from the default XML documentation location.</summary>
    [RequiresUnreferencedCode(ReflectionWarning)]
    public static V1CustomResourceDefinition Generate<TEntity>()
        where TEntity : IKubernetesObject<V1ObjectMeta>
        => Generate(typeof(TEntity), new XmlDocumentation());

    /// <summary>Generates the CRD of <paramref name="entityType"/>.</summary>
    /// <exception cref="InvalidOperationException">The type lacks <see cref="KubernetesEntityAttribute"/>, or its documentation file is missing.</exception>
    [RequiresUnreferencedCode(ReflectionWarning)]
    public static V1CustomResourceDefinition Generate(Type entityType, XmlDocumentation docs)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(docs);
        var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>(inherit: false)
            ?? throw new InvalidOperationException($"{entityType.Name} needs [KubernetesEntity(Group = ..., ApiVersion = ..., Kind = ..., PluralName = ...)].");
        if (!docs.HasDocumentation(entityType.Assembly))
        {
            throw new InvalidOperationException(
                $"No XML documentation for {entityType.Assembly.GetName().Name}; the CRD descriptions come from it. " +
                "Build the project with <GenerateDocumentationFile>true</GenerateDocumentationFile> and run from its output directory.");
        }

        var kind = entity.Kind;
        var plural = string.IsNullOrEmpty(entity.PluralName) ? kind.ToLowerInvariant() + "s" : entity.PluralName;
        return new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"{plural}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = entity.Namespaced ? "Namespaced" : "Cluster",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = kind,
                    ListKind = kind + "List",
                    Plural = plural,
                    Singular = kind.ToLowerInvariant(),
                    ShortNames = entityType.GetCustomAttribute<KubernetesEntityShortNamesAttribute>()?.ShortNames.ToList(),
                    Categories = entityType.GetCustomAttribute<KubernetesEntityCategoriesAttribute>()?.Categories.ToList(),
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = RootSchema(entityType, docs) },
                        Subresources = Subresources(entityType),
                        AdditionalPrinterColumns = PrinterColumns(entityType),
                    },
                ],
            },
        };
    }

    [RequiresUnreferencedCode(ReflectionWarning)]
    private static V1JSONSchemaProps RootSchema(Type entityType, XmlDocumentation docs)
    {
        var builder = new SchemaBuilder(docs);
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["apiVersion"] = new()
            {
                Type = "string",
                Description = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            },
            ["kind"] = new()
            {
                Type = "string",
                Description = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. In CamelCase.",
            },

            // The API server validates metadata itself; a structural schema may only restrict name and generateName.
            ["metadata"] = MetadataSchema(entityType),
        };

        foreach (var name in new[] { "Spec", "Status" })
        {
            if (entityType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property)
            {
                var schema = builder.ForProperty(property);

                // The base class documents Spec/Status generically; the spec and status types say what they mean here.
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                schema.Description = docs.Summary(type) ?? schema.Description;
                if (schema.Default is null && type.GetCustomAttribute<DefaultValueAttribute>() is { } typeDefault)
                {
                    schema.Default = SchemaBuilder.ToJson(typeDefault, type.Name);
                }
                properties[SchemaBuilder.JsonName(property)] = schema;
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = entityType.GetCustomAttribute<DescriptionAttribute>()?.Description ?? docs.Summary(entityType),
            Properties = properties,
            XKubernetesValidations = SchemaBuilder.ValidationRules(entityType.GetCustomAttributes<ValidationRuleAttribute>()),
        };
    }

    private static V1JSONSchemaProps MetadataSchema(Type entityType)
    {
        if (entityType.GetCustomAttribute<MetadataNameAttribute>() is not { } name)
        {
            return new V1JSONSchemaProps { Type = "object" };
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
            {
                ["name"] = new()
                {
                    Type = "string",
                    Description = name.Description,
                    Pattern = name.Pattern,
                    MaxLength = name.MaxLength >= 0 ? name.MaxLength : null,
                },
            },
        };
    }

    private static V1CustomResourceSubresources? Subresources(Type entityType)
    {
        var status = entityType.GetCustomAttribute<StatusSubresourceAttribute>() is not null ? new V1CustomResourceSubresourceStatus() : null;
        var scale = entityType.GetCustomAttribute<ScaleSubresourceAttribute>() is { } s
            ? new V1CustomResourceSubresourceScale { SpecReplicasPath = s.SpecReplicasPath, StatusReplicasPath = s.StatusReplicasPath, LabelSelectorPath = s.LabelSelectorPath }
            : null;
        return status is null && scale is null ? null : new V1CustomResourceSubresources { Status = status, Scale = scale };
    }

    private static List<V1CustomResourceColumnDefinition>? PrinterColumns(Type entityType)
    {
        var columns = entityType.GetCustomAttributes<AdditionalPrinterColumnAttribute>()
            .OrderBy(c => c.Order)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                Type = c.Type,
                JsonPath = c.JsonPath,
                Description = c.Description,
                Format = c.Format,
                Priority = c.Priority == 0 ? null : c.Priority,
            })
            .ToList();
        return columns.Count > 0 ? columns : null;
    }
}
