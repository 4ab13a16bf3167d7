using System.Globalization;
using System.Net;

namespace VisitCounter.CounterApp.Configuration;

/// <summary>
/// Everything the counter app reads from its environment, validated once at start-up.
/// </summary>
/// <param name="Port">TCP port to listen on (<c>PORT</c>).</param>
/// <param name="BindAddress">Address to bind, or <see langword="null"/> for all interfaces (<c>BIND_ADDRESS</c>).</param>
/// <param name="VisitsFile">Path of the durable count (<c>VISITS_FILE</c>).</param>
/// <param name="PodName">Name reported in every answer (<c>POD_NAME</c>).</param>
/// <param name="OnCorrupt">What to do when the visits file cannot be parsed (<c>VISITS_ON_CORRUPT</c>).</param>
/// <param name="LogRequests">Log one line per request (<c>LOG_REQUESTS</c>); off by default.</param>
/// <param name="JsonLogs">Write logs as one JSON object per line (<c>LOG_FORMAT=json</c>).</param>
public sealed record CounterAppSettings(
    int Port,
    IPAddress? BindAddress,
    string VisitsFile,
    string PodName,
    CorruptFilePolicy OnCorrupt,
    bool LogRequests,
    bool JsonLogs)
{
    /// <summary>Default port, the one the operator's StatefulSet exposes.</summary>
    public const int DefaultPort = 8080;

    /// <summary>Default location of the count: the pod's persistent volume.</summary>
    public const string DefaultVisitsFile = "/data/visits";

    /// <summary>
    /// Reads the settings from environment variables through <paramref name="getVariable"/>, so tests
    /// need not touch the process environment.
    /// </summary>
    /// <exception cref="SettingsException">A variable is set to a value the app cannot use.</exception>
    public static CounterAppSettings FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? Get(string name) => getVariable(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;

        return new CounterAppSettings(
            Port: ParsePort(Get("PORT")),
            BindAddress: ParseBindAddress(Get("BIND_ADDRESS")),
            VisitsFile: ParseVisitsFile(Get("VISITS_FILE")),
            PodName: Get("POD_NAME") ?? Environment.MachineName,
            OnCorrupt: CorruptFilePolicy.Parse(Get(CorruptFilePolicy.VariableName)),
            LogRequests: ParseBool("LOG_REQUESTS", Get("LOG_REQUESTS")),
            JsonLogs: ParseLogFormat(Get("LOG_FORMAT")));
    }

    private static int ParsePort(string? value)
    {
        if (value is null)
        {
            return DefaultPort;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535)
        {
            return port;
        }

        throw new SettingsException($"PORT='{value}' is not a TCP port: set PORT to a number from 1 to 65535, or unset it for {DefaultPort}.");
    }

    private static IPAddress? ParseBindAddress(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (IPAddress.TryParse(value, out IPAddress? address))
        {
            return address;
        }

        throw new SettingsException($"BIND_ADDRESS='{value}' is not an IP address: set it to an address such as 127.0.0.1 or ::1, or unset it to listen on all interfaces.");
    }

    private static string ParseVisitsFile(string? value)
    {
        if (value is null)
        {
            return DefaultVisitsFile;
        }

        if (value.EndsWith('/') || value.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new SettingsException($"VISITS_FILE='{value}' names a directory: set it to a file path such as {DefaultVisitsFile}.");
        }

        return Path.GetFullPath(value);
    }

    private static bool ParseBool(string name, string? value) => value?.ToLowerInvariant() switch
    {
        null or "0" or "false" or "no" or "off" => false,
        "1" or "true" or "yes" or "on" => true,
        _ => throw new SettingsException($"{name}='{value}' is not a boolean: set it to true or false."),
    };

    private static bool ParseLogFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" => false,
        "json" => true,
        _ => throw new SettingsException($"LOG_FORMAT='{value}' is not supported: set it to text (default) or json."),
    };
}
