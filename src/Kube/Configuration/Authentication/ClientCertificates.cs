using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VisitCounter.Kube.Configuration;

/// <summary>Loads PEM certificates with errors that say where the bad PEM came from.</summary>
public static class ClientCertificates
{
    /// <summary>A client certificate with its private key from PEM text.</summary>
    /// <exception cref="KubeconfigException">The PEM is malformed or the key does not match.</exception>
    public static X509Certificate2 FromPem(string certificatePem, string keyPem, string origin)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException($"The client certificate or key from {origin} is not valid PEM or they do not match: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new KubeconfigException($"The client certificate or key from {origin} is not valid PEM: {e.Message}", e);
        }
    }

    /// <summary>CA certificates from a PEM bundle.</summary>
    /// <exception cref="KubeconfigException">The bundle holds no certificate.</exception>
    public static X509Certificate2Collection CaBundleFromPem(string pem, string origin)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException($"The CA certificate from {origin} is not valid PEM: {e.Message}", e);
        }

        if (collection.Count == 0)
        {
            throw new KubeconfigException($"The CA certificate from {origin} contains no PEM certificate.");
        }

        return collection;
    }
}
