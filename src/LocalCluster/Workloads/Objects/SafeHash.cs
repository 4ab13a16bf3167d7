using System.Globalization;

namespace VisitCounter.LocalCluster.Workloads.Objects;

/// <summary>
/// The short hashes Kubernetes' controllers put in names and labels (<c>pod-template-hash</c>,
/// <c>controller-revision-hash</c>): a 32-bit FNV-1a hash printed in decimal, each digit's character code mapped
/// onto the alphabet of <c>rand.SafeEncodeString</c>, which has no vowels so that a hash never spells a word
/// (<c>5d4f8b7c9</c>).
/// </summary>
internal static class SafeHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static string Of(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var b in data)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        // SafeEncodeString maps bytes of the decimal string, so '0' is character code 48, not 0.
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(d => SafeAlphabet[d % SafeAlphabet.Length]));
    }
}
