using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Selectors;

/// <summary>
/// The <c>labelSelector</c> query parameter: parsed by the shared <see cref="LabelSelector"/>, with a malformed
/// selector answered 400 BadRequest as the real server does.
/// </summary>
public static class LabelSelectors
{
    /// <summary>Parses <paramref name="text"/>; null or blank selects everything.</summary>
    /// <exception cref="ApiException">400 BadRequest naming the problem.</exception>
    public static LabelSelector Parse(string? text)
    {
        try
        {
            return LabelSelector.Parse(text);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"unable to parse requirement: {e.Message}");
        }
    }
}
