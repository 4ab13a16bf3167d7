namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// A patch that cannot be applied: malformed directives, a JSON-patch path that does not exist,
/// a failed JSON-patch <c>test</c>. The API server answers 422 (or 400 when <see cref="IsMalformed"/>).
/// </summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates an exception for a patch that is well-formed JSON but cannot be applied (422).</summary>
    public PatchException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception, optionally marking the patch document itself as malformed (400).</summary>
    public PatchException(string message, bool isMalformed) : base(message)
    {
        IsMalformed = isMalformed;
    }

    /// <summary>Creates an exception wrapping the cause.</summary>
    public PatchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public PatchException() : base("the patch could not be applied")
    {
    }

    /// <summary>True when the patch document is not a valid patch at all (the server answers 400 BadRequest).</summary>
    public bool IsMalformed { get; }
}
