using System.Text;

namespace VisitCounter.LocalCluster.ApiServer.Hosting;

/// <summary>Writes the kubeconfig a user points kubectl (or our operator) at: one cluster, user and context named <c>local</c>.</summary>
internal static class KubeconfigWriter
{
    public static string Render(Uri server, string? caPem, string? token)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster:\n");
        text.Append("    server: ").Append(server.GetLeftPart(UriPartial.Authority)).Append('\n');
        if (caPem is not null)
        {
            text.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))).Append('\n');
        }
        text.Append("users:\n- name: local\n  user:");
        text.Append(token is null ? " {}\n" : "\n    token: " + token + "\n");
        text.Append("contexts:\n- name: local\n  context:\n    cluster: local\n    user: local\n    namespace: default\n");
        text.Append("current-context: local\npreferences: {}\n");
        return text.ToString();
    }

    public static void Write(string path, string content)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
