using System.Globalization;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>
/// The metav1.Status written on the error channel when an exec ends, in the shape client-go's v4 error decoder
/// reads: Success, or Failure with reason NonZeroExitCode and the code as an <c>ExitCode</c> cause (which kubectl
/// turns into its own exit code).
/// </summary>
internal static class ExecStatus
{
    public static JsonObject For(int exitCode, IReadOnlyList<string> command)
    {
        if (exitCode == 0)
        {
            return new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" };
        }

        return Failure(
            $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command)}], exit code {exitCode}",
            "NonZeroExitCode",
            new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.ToString(CultureInfo.InvariantCulture) }),
            });
    }

    /// <summary>A failure before the command ran (it could not be started): kubectl prints the message.</summary>
    public static JsonObject Failure(string message, string reason = "InternalError", JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        return status;
    }
}
