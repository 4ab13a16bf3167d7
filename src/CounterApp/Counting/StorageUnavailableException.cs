namespace VisitCounter.CounterApp.Counting;

/// <summary>A visit was not recorded because the count cannot be made durable; the message says why.</summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception with the reason visits are refused.</summary>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and the storage error behind it.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public StorageUnavailableException()
    {
    }
}
