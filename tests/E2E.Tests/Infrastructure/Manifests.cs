namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>VisitCounterApp manifests as a user writes them.</summary>
public static class Manifests
{
    public const string Image = "visitcounter/counter-app:0.1.0";
    public const string NextImage = "visitcounter/counter-app:0.1.1";

    /// <summary>
    /// An app with <paramref name="replicas"/> pods; <paramref name="spec"/> holds extra spec lines, indented by two
    /// spaces. Visits are collected every 2 s so that status assertions need not wait the default 30 s.
    /// </summary>
    public static string App(string name, string ns, int replicas, string spec = "") => $"""
        apiVersion: visitcounter.io/v1alpha1
        kind: VisitCounterApp
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: {replicas}
          visits:
            intervalSeconds: 2
        {Indent(spec)}
        """;

    private static string Indent(string lines) =>
        string.Join("\n", lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l));
}
