namespace VisitCounter.Kube.Configuration;

/// <summary>The kubeconfig (or in-cluster environment) cannot be used; the message says which file, field and fix.</summary>
public sealed class KubeconfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeconfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
