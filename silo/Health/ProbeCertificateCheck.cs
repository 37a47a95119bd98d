using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledger.Silo.Health;

/// <summary>
/// Whether <see cref="HealthProbe"/> believes the certificate a silo presents, and if not, why (for the
/// probe's one line of output: certificate fingerprints and policy errors, which are public, never the
/// key or the password). With a pinned certificate (the endpoint's <c>Certificate:Path</c>) that
/// certificate is the only one accepted, even one any authority vouches for: the probe must be sure it
/// asks this silo, and the silo must serve what its configuration says. Without a pin the ordinary check
/// decides, forgiving on loopback the host name alone, never a chain the machine does not trust.
/// </summary>
public sealed class ProbeCertificateCheck(string? pinnedSha256, bool loopback)
{
    /// <summary>Why the last certificate was refused; null while none has been.</summary>
    public string? Refusal { get; private set; }

    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        Refusal = Reason(certificate, errors);
        return Refusal is null;
    }

    private string? Reason(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the silo presented no certificate";
        }
        if (pinnedSha256 is not null)
        {
            var presented = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            return string.Equals(presented, pinnedSha256, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"the silo presented certificate SHA-256 {presented}, not the one of Certificate:Path (SHA-256 {pinnedSha256})";
        }
        if (errors == SslPolicyErrors.None || (loopback && errors == SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return null;
        }
        return $"the silo's certificate fails the ordinary check ({errors}) and no Certificate:Path pins it";
    }
}
