using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Ledger.Silo.Hosting;

/// <summary>
/// <c>Ledger:SiloTls</c>: mutual TLS on every Orleans connection (silo to silo, and the gateway when
/// one is open). <see cref="CertificatePath"/> is a PEM certificate with <see cref="KeyPath"/>, or a
/// PFX with <see cref="Password"/>; <see cref="AuthorityPath"/> is the PEM certificate of the private
/// authority that issues the silos' certificates: a peer must present one it issued (silos connect by
/// IP address, so that chain, not a host name, is what is checked). The authority is required: with only
/// the system's trust store, a silo would take any client certificate a public authority issued (a server
/// checks no name on a client's certificate), and silos reaching each other by IP address would fail the
/// host-name check.
/// </summary>
public sealed class SiloTlsOptions
{
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    public string? Password { get; set; }

    public string? AuthorityPath { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(CertificatePath);
}

public static class SiloTls
{
    public const string AuthorityRequired =
        "Ledger:SiloTls: AuthorityPath is required with CertificatePath (the PEM certificate of the authority that issues the silos' certificates)";

    public static ISiloBuilder UseLedgerTls(this ISiloBuilder silo, SiloTlsOptions options)
    {
        if (string.IsNullOrEmpty(options.AuthorityPath))
        {
            throw new InvalidOperationException(AuthorityRequired);
        }
        var certificate = Certificate(options);
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(options.AuthorityPath));
        return silo.UseTls(certificate, tls => Configure(tls, authority));
    }

    /// <summary>What a silo and an Orleans client of it both need: mutual TLS, peers checked against the authority.</summary>
    public static void Configure(TlsOptions tls, X509Certificate2? authority)
    {
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        if (authority is not null)
        {
            tls.RemoteCertificateValidation = (certificate, _, _) => IssuedBy(certificate, authority);
        }
    }

    public static X509Certificate2 Certificate(SiloTlsOptions options)
    {
        var path = options.CertificatePath!;
        return path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.Password)
            : X509Certificate2.CreateFromPemFile(path, options.KeyPath);
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to <paramref name="authority"/> alone (not the system's
    /// trust store), revocation unchecked: a private authority publishes no revocation list.
    /// </summary>
    public static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
