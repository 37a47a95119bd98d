using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ledger.Silo.Health;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The container probe's certificate rule, case by case: a pinned certificate and no other; without a
/// pin the ordinary check, forgiving the host name on loopback only.
/// </summary>
public sealed class ProbeCertificateCheckTests
{
    private static readonly Uri Loopback = new("https://127.0.0.1:5001/");

    [Fact]
    public void Pinned_to_one_certificate_the_probe_refuses_any_other_even_one_the_ordinary_check_passes()
    {
        using var pinned = new Certificates();
        using var other = new Certificates();
        var check = new ProbeTarget(Loopback, pinned.CertificatePath, null).Check();

        Assert.False(check.Accepts(other.Leaf, SslPolicyErrors.None));
        Assert.Equal(
            $"the silo presented certificate SHA-256 {other.Leaf.GetCertHashString(HashAlgorithmName.SHA256)}, not the one of Certificate:Path (SHA-256 {pinned.Leaf.GetCertHashString(HashAlgorithmName.SHA256)})",
            check.Refusal);
        Assert.False(check.Accepts(other.Leaf, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(check.Accepts(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.True(check.Accepts(pinned.Leaf, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.Null(check.Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-folder/silo.pem")]
    public void Without_a_pin_loopback_forgives_the_host_name_and_nothing_else(string? certificatePath)
    {
        using var certificates = new Certificates();
        var loopback = new ProbeTarget(Loopback, certificatePath, null).Check();
        var remote = new ProbeTarget(new Uri("https://silo.example:5001/"), certificatePath, null).Check();

        Assert.True(loopback.Accepts(certificates.Leaf, SslPolicyErrors.None));
        Assert.True(loopback.Accepts(certificates.Leaf, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(loopback.Accepts(certificates.Leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal("the silo's certificate fails the ordinary check (RemoteCertificateChainErrors) and no Certificate:Path pins it", loopback.Refusal);
        Assert.False(loopback.Accepts(certificates.Leaf, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.True(remote.Accepts(certificates.Leaf, SslPolicyErrors.None));
        Assert.False(remote.Accepts(certificates.Leaf, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void A_pinned_PFX_is_read_with_its_password_and_one_that_cannot_be_read_trusts_nothing()
    {
        using var certificates = new Certificates();
        var pfx = Path.Combine(certificates.Folder, "silo.pfx");
        File.WriteAllBytes(pfx, certificates.Leaf.Export(X509ContentType.Pkcs12, "pfx-password"));

        var check = new ProbeTarget(Loopback, pfx, "pfx-password").Check();

        Assert.True(check.Accepts(certificates.Leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.ThrowsAny<CryptographicException>(() => new ProbeTarget(Loopback, pfx, "wrong-password").Check());
    }
}
