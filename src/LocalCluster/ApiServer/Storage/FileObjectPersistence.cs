using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>
/// One JSON file per object under <c>objects/GROUP/VERSION/RESOURCE/NAMESPACE/NAME.json</c>. Every file is
/// written to a temporary name, fsynced and renamed over the old one, so after a crash each object is
/// either its old or its new state, never a torn mix. A deletion also records the revision it consumed,
/// so a restarted server never hands out a resourceVersion a client may have seen already.
/// </summary>
internal sealed class FileObjectPersistence : IObjectPersistence
{
    private const string ClusterScopeFolder = "_cluster";
    private const string CoreGroupFolder = "core";
    private readonly string _root;
    private readonly string _revisionFile;

    public FileObjectPersistence(string dataDirectory)
    {
        _root = Path.Combine(dataDirectory, "objects");
        _revisionFile = Path.Combine(_root, "revision");
        Directory.CreateDirectory(_root);
    }

    public PersistedState Load()
    {
        var objects = new List<(ResourceRef, ObjectKey, JsonObject)>();
        long revision = 0;
        if (File.Exists(_revisionFile))
        {
            _ = long.TryParse(File.ReadAllText(_revisionFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out revision);
        }
        foreach (var file in Directory.EnumerateFiles(_root, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_root, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length != 5) continue;
            var group = relative[0] == CoreGroupFolder ? "" : relative[0];
            var ns = relative[3] == ClusterScopeFolder ? "" : Uri.UnescapeDataString(relative[3]);
            var name = Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(relative[4]));
            if (JsonNode.Parse(File.ReadAllBytes(file)) is not JsonObject obj) continue;
            objects.Add((new ResourceRef(group, relative[1], relative[2]), new ObjectKey(ns, name), obj));
            if (long.TryParse(obj["metadata"]?["resourceVersion"]?.GetValue<string>(), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var rv))
            {
                revision = Math.Max(revision, rv);
            }
        }
        return new PersistedState(objects, revision);
    }

    public void Save(ResourceRef resource, ObjectKey key, ReadOnlySpan<byte> json)
    {
        var path = PathOf(resource, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteAtomically(path, json);
    }

    public void Delete(ResourceRef resource, ObjectKey key, long revision)
    {
        WriteAtomically(_revisionFile, Encoding.ASCII.GetBytes(revision.ToString(CultureInfo.InvariantCulture)));
        File.Delete(PathOf(resource, key));
    }

    private string PathOf(ResourceRef resource, ObjectKey key) => Path.Combine(
        _root,
        resource.Group.Length == 0 ? CoreGroupFolder : resource.Group,
        resource.Version,
        resource.Resource,
        key.Namespace.Length == 0 ? ClusterScopeFolder : Uri.EscapeDataString(key.Namespace),
        Uri.EscapeDataString(key.Name) + ".json");

    private static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            // The data must be on disk before the rename makes it visible, or a crash could leave an empty file.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
