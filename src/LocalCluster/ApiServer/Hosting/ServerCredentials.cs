using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VisitCounter.LocalCluster.ApiServer.Hosting;

/// <summary>
/// The server's TLS identity and bearer token: a self-signed CA and a serving certificate for 127.0.0.1 /
/// localhost signed by it, generated once per data directory and reused afterwards (so restarts are fast and
/// kubeconfigs stay valid). Private keys are written with owner-only permissions.
/// </summary>
internal sealed class ServerCredentials
{
    private ServerCredentials(X509Certificate2 serving, string caPem, string token)
    {
        ServingCertificate = serving;
        CaCertificatePem = caPem;
        Token = token;
    }

    public X509Certificate2 ServingCertificate { get; }

    public string CaCertificatePem { get; }

    public string Token { get; }

    public static ServerCredentials LoadOrCreate(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "pki");
        Directory.CreateDirectory(folder);
        var caPath = Path.Combine(folder, "ca.crt");
        var servingPath = Path.Combine(folder, "apiserver.pfx");
        var tokenPath = Path.Combine(folder, "token");
        if (!File.Exists(caPath) || !File.Exists(servingPath) || !File.Exists(tokenPath))
        {
            Create(caPath, servingPath, tokenPath);
        }
        var serving = X509CertificateLoader.LoadPkcs12FromFile(servingPath, password: null);
        return new ServerCredentials(serving, File.ReadAllText(caPath), File.ReadAllText(tokenPath).Trim());
    }

    private static void Create(string caPath, string servingPath, string tokenPath)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=local-cluster-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now, now.AddYears(10));

        using var servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var servingRequest = new CertificateRequest("CN=kube-apiserver", servingKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("kubernetes");
        names.AddDnsName("kubernetes.default.svc");
        servingRequest.CertificateExtensions.Add(names.Build());
        servingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        servingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        servingRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var servingPublic = servingRequest.Create(ca, now, now.AddYears(10), serial);
        using var serving = servingPublic.CopyWithPrivateKey(servingKey);

        WriteSecret(servingPath, serving.Export(X509ContentType.Pkcs12));
        WriteSecret(tokenPath, System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant()));
        File.WriteAllText(caPath, ca.ExportCertificatePem() + "\n");
    }

    internal static void WriteSecret(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
