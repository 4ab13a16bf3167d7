namespace VisitCounter.LocalCluster.Validation.Cel;

/// <summary>A rule outside the agreed CEL subset (at compile time) or a rule that failed to evaluate (no such key, wrong types).</summary>
public sealed class CelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CelException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CelException() : base("CEL error")
    {
    }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public CelException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
