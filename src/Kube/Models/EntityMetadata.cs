using System.Reflection;

namespace VisitCounter.Kube.Models;

/// <summary>The REST coordinates of a model type, read from its <see cref="KubernetesEntityAttribute"/>.</summary>
public sealed record EntityMetadata(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary><c>group/version</c>, or just <c>version</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>URL prefix of the group version: <c>/api/v1</c> or <c>/apis/group/version</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>Reads the attribute of <typeparamref name="TEntity"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no <see cref="KubernetesEntityAttribute"/>.</exception>
    public static EntityMetadata For<TEntity>()
        => For(typeof(TEntity));

    /// <summary>Reads the attribute of <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no <see cref="KubernetesEntityAttribute"/>.</exception>
    public static EntityMetadata For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<KubernetesEntityAttribute>(inherit: false)
            ?? throw new InvalidOperationException(
                $"Type {type.FullName} has no [KubernetesEntity] attribute; add one with Group, ApiVersion, Kind and PluralName.");
        if (string.IsNullOrEmpty(attribute.Kind) || string.IsNullOrEmpty(attribute.PluralName))
        {
            throw new InvalidOperationException(
                $"[KubernetesEntity] on {type.FullName} must set Kind and PluralName.");
        }

        return new EntityMetadata(attribute.Group, attribute.ApiVersion, attribute.Kind, attribute.PluralName, attribute.Namespaced);
    }
}
