using System.Globalization;
using System.Text;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// The opaque <c>continue</c> token of a paged list: the list's revision and the last key served,
/// base64-encoded so clients treat it as opaque.
/// </summary>
internal sealed record ContinueToken(long ResourceVersion, ObjectKey After)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{ResourceVersion}\n{After.Namespace}\n{After.Name}")));

    /// <exception cref="ApiException">400 when the token was not made by this server.</exception>
    public static ContinueToken Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n');
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            {
                return new ContinueToken(rv, new ObjectKey(parts[1], parts[2]));
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }
        throw ApiException.BadRequest("continue key is not valid: the continue token is malformed");
    }
}
