namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>Who a request acts as, after authentication and impersonation (k8s.io/apiserver <c>user.Info</c>).</summary>
/// <param name="Name">The user name, e.g. <c>system:serviceaccount:default:web</c>.</param>
/// <param name="Uid">The user's uid (a service account's object uid), or empty.</param>
/// <param name="Groups">The groups, e.g. <c>system:serviceaccounts</c>, <c>system:authenticated</c>.</param>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>The group whose members every request is allowed (bound to cluster-admin, and short-circuited as the real authorizer does).</summary>
    public const string MastersGroup = "system:masters";

    /// <summary>The group every authenticated user is in.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    private const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>The holder of the kubeconfig's admin token (as kind's and kubeadm's admin.conf: a member of system:masters).</summary>
    public static UserInfo Admin { get; } = new("kubernetes-admin", "", [MastersGroup, AuthenticatedGroup]);

    /// <summary>A service account's user: <c>system:serviceaccount:NS:NAME</c> with its three groups.</summary>
    public static UserInfo ServiceAccount(string ns, string name, string uid) =>
        new(ServiceAccountUserName(ns, name), uid, ServiceAccountGroups(ns));

    /// <summary><c>system:serviceaccount:NS:NAME</c>.</summary>
    public static string ServiceAccountUserName(string ns, string name) => $"{ServiceAccountPrefix}{ns}:{name}";

    /// <summary>The groups a service account is in: <c>system:serviceaccounts</c>, <c>system:serviceaccounts:NS</c>, <c>system:authenticated</c>.</summary>
    public static IReadOnlyList<string> ServiceAccountGroups(string ns) => ["system:serviceaccounts", $"system:serviceaccounts:{ns}", AuthenticatedGroup];

    /// <summary>Splits a service account user name into namespace and name; false for other users.</summary>
    public static bool TryParseServiceAccount(string userName, out string ns, out string name)
    {
        ns = name = "";
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal)) return false;
        var rest = userName[ServiceAccountPrefix.Length..].Split(':');
        if (rest.Length != 2 || rest[0].Length == 0 || rest[1].Length == 0) return false;
        (ns, name) = (rest[0], rest[1]);
        return true;
    }

    /// <summary>True for members of system:masters.</summary>
    public bool IsMaster => Groups.Contains(MastersGroup);
}
