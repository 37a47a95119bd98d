using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledger.Api.Tests.Security;

/// <summary>A private authority and a certificate it issued, as PEM files in a folder of their own.</summary>
public sealed class Certificates : IDisposable
{
    public Certificates()
    {
        Directory.CreateDirectory(Folder);
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=Ledger test authority", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Authority = authorityRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4]);
        Leaf = issued.CopyWithPrivateKey(key);
        File.WriteAllText(AuthorityPath, Authority.ExportCertificatePem());
        File.WriteAllText(CertificatePath, Leaf.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ledger-certs-" + Guid.NewGuid().ToString("N"));

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Leaf { get; }

    public string AuthorityPath => Path.Combine(Folder, "authority.pem");

    public string CertificatePath => Path.Combine(Folder, "silo.pem");

    public string KeyPath => Path.Combine(Folder, "silo.key");

    public void Dispose()
    {
        Leaf.Dispose();
        Authority.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
