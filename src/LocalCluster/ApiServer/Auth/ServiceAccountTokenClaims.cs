namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>What a verified service account token says: whose it is, for whom, until when, and the pod it is bound to.</summary>
/// <param name="Namespace">The service account's namespace.</param>
/// <param name="ServiceAccountName">The service account's name.</param>
/// <param name="ServiceAccountUid">The uid of the service account the token was issued for (a re-created account with the same name does not match).</param>
/// <param name="Audiences">The <c>aud</c> claim.</param>
/// <param name="ExpiresAt">The <c>exp</c> claim.</param>
/// <param name="Pod">The pod the token is bound to, when it was minted for one.</param>
public sealed record ServiceAccountTokenClaims(
    string Namespace,
    string ServiceAccountName,
    string ServiceAccountUid,
    IReadOnlyList<string> Audiences,
    DateTimeOffset ExpiresAt,
    BoundPod? Pod);

/// <summary>The object a token is bound to (only pods here): the token dies with it.</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid.</param>
public sealed record BoundPod(string Name, string Uid);
