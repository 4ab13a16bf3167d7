using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Configuration;

/// <summary>
/// Reads kubeconfig YAML into a <see cref="Kubeconfig"/>. Errors name the file and the field, because a
/// broken kubeconfig is a user problem that only the user can fix.
/// </summary>
public static class KubeconfigParser
{
    /// <summary>Parses one kubeconfig file's text; relative paths are resolved against <paramref name="sourcePath"/>'s directory.</summary>
    /// <exception cref="KubeconfigException">The YAML is invalid or a field has the wrong shape.</exception>
    public static Kubeconfig Parse(string yaml, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        JsonNode? root;
        try
        {
            root = KubernetesYaml.Load(yaml);
        }
        catch (FormatException e)
        {
            throw new KubeconfigException($"{sourcePath}: {e.Message}", e);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? Directory.GetCurrentDirectory();
        var reader = new Reader(sourcePath, baseDirectory);
        if (root is null)
        {
            return new Kubeconfig(new Dictionary<string, KubeconfigCluster>(), new Dictionary<string, KubeconfigUser>(), new Dictionary<string, KubeconfigContext>(), null);
        }

        if (root is not JsonObject obj)
        {
            throw new KubeconfigException($"{sourcePath}: the top level must be a mapping with clusters, users and contexts.");
        }

        return new Kubeconfig(
            reader.NamedList(obj, "clusters", "cluster", reader.Cluster),
            reader.NamedList(obj, "users", "user", reader.User),
            reader.NamedList(obj, "contexts", "context", reader.Context),
            NullIfEmpty(reader.String(obj, "current-context", "current-context")));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed class Reader(string source, string baseDirectory)
    {
        public Dictionary<string, T> NamedList<T>(JsonObject root, string listName, string itemName, Func<JsonObject, string, T> read)
        {
            var result = new Dictionary<string, T>(StringComparer.Ordinal);
            if (root[listName] is null)
            {
                return result;
            }

            if (root[listName] is not JsonArray items)
            {
                throw Error(listName, "must be a list");
            }

            for (var i = 0; i < items.Count; i++)
            {
                var where = $"{listName}[{i}]";
                if (items[i] is not JsonObject item)
                {
                    throw Error(where, "must be a mapping with name and " + itemName);
                }

                var name = String(item, "name", where + ".name");
                if (string.IsNullOrEmpty(name))
                {
                    throw Error(where + ".name", "is required");
                }

                var body = item[itemName] as JsonObject ?? new JsonObject();

                // Within one file kubectl keeps the first entry of a duplicated name; do the same.
                result.TryAdd(name, read(body, $"{listName}[{name}].{itemName}"));
            }

            return result;
        }

        public KubeconfigCluster Cluster(JsonObject o, string where) => new()
        {
            Server = String(o, "server", where),
            CertificateAuthority = PathField(o, "certificate-authority", where),
            CertificateAuthorityData = Base64(o, "certificate-authority-data", where),
            InsecureSkipTlsVerify = Bool(o, "insecure-skip-tls-verify", where),
            TlsServerName = String(o, "tls-server-name", where),
        };

        public KubeconfigUser User(JsonObject o, string where) => new()
        {
            ClientCertificate = PathField(o, "client-certificate", where),
            ClientCertificateData = Base64(o, "client-certificate-data", where),
            ClientKey = PathField(o, "client-key", where),
            ClientKeyData = Base64(o, "client-key-data", where),
            Token = String(o, "token", where),
            TokenFile = PathField(o, "tokenFile", where),
            Username = String(o, "username", where),
            Password = String(o, "password", where),
            Exec = o["exec"] is JsonObject exec ? Exec(exec, where + ".exec") : null,
        };

        public KubeconfigContext Context(JsonObject o, string where)
            => new(String(o, "cluster", where) ?? string.Empty, String(o, "user", where) ?? string.Empty, String(o, "namespace", where));

        private ExecCredentialConfig Exec(JsonObject o, string where)
        {
            var command = String(o, "command", where);
            if (string.IsNullOrEmpty(command))
            {
                throw Error(where + ".command", "is required for an exec credential plugin");
            }

            var apiVersion = String(o, "apiVersion", where) ?? "client.authentication.k8s.io/v1";
            if (apiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
            {
                throw Error(where + ".apiVersion", $"'{apiVersion}' is not supported; use client.authentication.k8s.io/v1");
            }

            var args = new List<string>();
            if (o["args"] is JsonArray argArray)
            {
                args.AddRange(argArray.Select(a => a?.ToString() ?? string.Empty));
            }

            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            if (o["env"] is JsonArray envArray)
            {
                foreach (var entry in envArray.OfType<JsonObject>())
                {
                    var name = String(entry, "name", where + ".env");
                    if (!string.IsNullOrEmpty(name))
                    {
                        env[name] = String(entry, "value", where + ".env") ?? string.Empty;
                    }
                }
            }

            // kubectl resolves a command containing a path separator relative to the kubeconfig; bare names use $PATH.
            if (command.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(command))
            {
                command = Path.GetFullPath(Path.Combine(baseDirectory, command));
            }

            return new ExecCredentialConfig
            {
                ApiVersion = apiVersion,
                Command = command,
                Args = args,
                Env = env,
                InstallHint = String(o, "installHint", where),
                InteractiveMode = String(o, "interactiveMode", where),
            };
        }

        public string? String(JsonObject o, string field, string where)
        {
            var node = o[field];
            if (node is null)
            {
                return null;
            }

            if (node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }

            throw Error(where.EndsWith(field, StringComparison.Ordinal) ? where : $"{where}.{field}", "must be a string");
        }

        private bool Bool(JsonObject o, string field, string where) => o[field] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && bool.TryParse(v.GetValue<string>(), out var b) => b,
            _ => throw Error($"{where}.{field}", "must be true or false"),
        };

        private string? PathField(JsonObject o, string field, string where)
        {
            var value = String(o, field, where);
            return string.IsNullOrEmpty(value) ? null : Path.GetFullPath(Path.Combine(baseDirectory, ExpandHome(value)));
        }

        private string? Base64(JsonObject o, string field, string where)
        {
            var value = String(o, field, where);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(value));
            }
            catch (FormatException e)
            {
                throw new KubeconfigException($"{source}: {where}.{field} is not valid base64; it must hold the base64 of the PEM file.", e);
            }
        }

        private static string ExpandHome(string path)
            => path.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
                : path;

        private KubeconfigException Error(string field, string problem) => new($"{source}: {field} {problem}.");
    }
}
