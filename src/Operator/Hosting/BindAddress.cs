using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace VisitCounter.Operator.Hosting;

/// <summary>
/// A listen address in controller-runtime's notation: <c>:8080</c> (all interfaces), <c>127.0.0.1:8080</c>,
/// <c>[::1]:8080</c>, or <c>0</c> to switch the endpoint off.
/// </summary>
public sealed record BindAddress(IPAddress Address, int Port)
{
    /// <summary>
    /// The variable in which the local cluster's kubelet gives a pod its own address. Its pods share the host's
    /// network, so "every interface" of the pod is that one address: listening on all of the host's would take the
    /// port from every other pod.
    /// </summary>
    public const string PodAddressVariable = "BIND_ADDRESS";

    /// <summary>This address, with "every interface" narrowed to <paramref name="podAddress"/> when that is an IP address.</summary>
    public BindAddress InPod(string? podAddress) =>
        (Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any)) && IPAddress.TryParse(podAddress, out var own)
            ? this with { Address = own }
            : this;

    /// <summary>Parses <paramref name="text"/>; <paramref name="address"/> is null when the endpoint is disabled.</summary>
    /// <returns>False with an explanation in <paramref name="error"/> when the text is not an address.</returns>
    public static bool TryParse(string text, out BindAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        error = null;
        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            return true;
        }

        var colon = trimmed.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"'{text}' has no port; use host:port, :port, or 0 to disable";
            return false;
        }

        var hostPart = trimmed[..colon].Trim('[', ']');
        if (!int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{text}' has no valid port (0-65535)";
            return false;
        }

        IPAddress ip;
        if (hostPart.Length == 0)
        {
            ip = IPAddress.Any;
        }
        else if (string.Equals(hostPart, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(hostPart, out ip!))
        {
            error = $"'{hostPart}' in '{text}' is not an IP address";
            return false;
        }

        address = new BindAddress(ip, port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => new IPEndPoint(Address, Port).ToString();
}
