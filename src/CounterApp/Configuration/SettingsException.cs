namespace VisitCounter.CounterApp.Configuration;

/// <summary>An environment variable holds a value the app cannot use; the message names it and the fix.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception with a message that names the variable and the fix.</summary>
    public SettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public SettingsException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
