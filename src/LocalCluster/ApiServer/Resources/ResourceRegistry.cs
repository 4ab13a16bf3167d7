using System.Collections.Immutable;

namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>
/// The set of served resources: the built-ins plus whatever established CRDs define. Readers get an
/// immutable snapshot, so a CRD registered mid-request never tears a discovery document.
/// </summary>
public sealed class ResourceRegistry
{
    private ImmutableDictionary<ResourceRef, ResourceDefinition> _byRef;
    private ImmutableDictionary<string, ImmutableArray<ResourceDefinition>> _byCrd =
        ImmutableDictionary<string, ImmutableArray<ResourceDefinition>>.Empty;
    private readonly Lock _gate = new();
    private long _generation;

    /// <summary>Creates a registry holding the built-in resources.</summary>
    public ResourceRegistry()
    {
        _byRef = BuiltinResources.All.ToImmutableDictionary(d => d.Ref);
    }

    /// <summary>Increases every time the set of served resources changes (drives OpenAPI hashes).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>All served resources.</summary>
    public IReadOnlyCollection<ResourceDefinition> All => _byRef.Values.ToList();

    /// <summary>The definition of a served resource, or null.</summary>
    public ResourceDefinition? Find(ResourceRef resource) => _byRef.GetValueOrDefault(resource);

    /// <summary>The definition of a served resource.</summary>
    /// <exception cref="Errors.ApiException">404 when the resource is not served.</exception>
    public ResourceDefinition Get(ResourceRef resource) => Find(resource) ?? throw Errors.ApiException.UnknownPath();

    /// <summary>Finds a resource by group and kind (any served version), e.g. for owner references.</summary>
    public ResourceDefinition? FindByKind(string apiVersion, string kind) =>
        _byRef.Values.FirstOrDefault(d => d.Ref.ApiVersion == apiVersion && d.Kind == kind);

    /// <summary>Makes the versions a CRD defines served (replacing what it defined before).</summary>
    public void SetCustomResources(string crdName, IReadOnlyList<ResourceDefinition> definitions)
    {
        lock (_gate)
        {
            var builder = _byRef.ToBuilder();
            if (_byCrd.TryGetValue(crdName, out var previous))
            {
                foreach (var old in previous) builder.Remove(old.Ref);
            }
            foreach (var definition in definitions) builder[definition.Ref] = definition;
            _byRef = builder.ToImmutable();
            _byCrd = definitions.Count == 0 ? _byCrd.Remove(crdName) : _byCrd.SetItem(crdName, [.. definitions]);
            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>The resources a CRD currently defines.</summary>
    public IReadOnlyList<ResourceDefinition> CustomResourcesOf(string crdName) =>
        _byCrd.TryGetValue(crdName, out var defs) ? defs : [];
}
