using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Generation;

/// <summary>
/// The VisitCounterApp CRD as checked in under <c>config/crd/</c>, embedded in this assembly at build time.
/// This is what the operator and <c>visitcounter-local</c> install: it needs no reflection (Native AOT safe),
/// and the drift test guarantees it equals what <see cref="CrdGenerator"/> produces from the C# types.
/// </summary>
public static class VisitCounterAppCrd
{
    /// <summary>Name of the embedded resource.</summary>
    public const string ResourceName = "VisitCounter.Crds." + CrdManifests.CrdFileName;

    /// <summary>The CRD manifest text.</summary>
    public static string Yaml()
    {
        using var stream = typeof(VisitCounterAppCrd).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; check the EmbeddedResource item in Crds.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A fresh copy of the CRD object (callers may modify it).</summary>
    public static V1CustomResourceDefinition Load() => CrdYaml.Read(Yaml());
}
