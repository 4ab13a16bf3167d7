using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>Turns one committed watch event into the kind of write it records.</summary>
public static class WriteClassifier
{
    /// <summary>The resource of VisitCounterApps.</summary>
    public static ResourceRef VisitCounterApps { get; } = new("visitcounter.io", "v1alpha1", "visitcounterapps");

    /// <summary>
    /// The write behind an event, or null for bookmarks and resources the benchmark does not count. A VisitCounterApp
    /// write that moved <c>metadata.generation</c> (or created the app) is a spec write; any other is the operator's
    /// status (or metadata) write, because only spec changes bump the generation.
    /// </summary>
    public static WriteKind? Classify(ResourceRef resource, WatchEventType type, long? previousGeneration, long generation)
    {
        if (type == WatchEventType.Bookmark)
        {
            return null;
        }

        if (resource == VisitCounterApps)
        {
            return type == WatchEventType.Modified && previousGeneration == generation ? WriteKind.AppStatus : WriteKind.AppSpec;
        }

        if (resource == ResourceRef.StatefulSets)
        {
            return WriteKind.StatefulSet;
        }

        if (resource == ResourceRef.Services)
        {
            return WriteKind.Service;
        }

        return resource == ResourceRef.Events ? WriteKind.Event : null;
    }
}
