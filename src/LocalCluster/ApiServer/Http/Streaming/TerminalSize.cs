using System.Text.Json;

namespace VisitCounter.LocalCluster.ApiServer.Http.Streaming;

/// <summary>A resize message of the remote-command protocol: <c>{"Width":80,"Height":24}</c> (client-go's TerminalSize).</summary>
internal readonly record struct TerminalSize(int Width, int Height)
{
    /// <summary>The size, or null for a message that is not a valid size.</summary>
    public static TerminalSize? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            int? width = null, height = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
                {
                    continue;
                }

                if (name == "Width") width = value;
                else if (name == "Height") height = value;
            }

            return width is > 0 and <= ushort.MaxValue && height is > 0 and <= ushort.MaxValue ? new TerminalSize(width.Value, height.Value) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
