using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Ledger.Silo.Health;

/// <summary>
/// Where <see cref="HealthProbe"/> asks, read from the very configuration the silo reads (appsettings.json
/// beside the binaries, environment, <c>ASPNETCORE_*</c>), in Kestrel's order: endpoints under
/// <c>Kestrel:Endpoints</c> replace <c>urls</c> (Kestrel logs "Overriding address(es)"), so a silo
/// configured for HTTPS there listens nowhere else and the probe must follow it. A plain HTTP endpoint is
/// preferred when there is one (nothing to verify); a wildcard or named host becomes 127.0.0.1, where
/// Kestrel listens too.
/// </summary>
public sealed record ProbeTarget(Uri BaseUrl, string? CertificatePath, string? CertificatePassword)
{
    public static ProbeTarget From(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(endpoint => !string.IsNullOrWhiteSpace(endpoint["Url"]))
            .OrderBy(endpoint => endpoint["Url"]!.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (endpoints.FirstOrDefault() is { } endpoint)
        {
            return new ProbeTarget(Local(endpoint["Url"]!), endpoint["Certificate:Path"], endpoint["Certificate:Password"]);
        }
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new ProbeTarget(Local(string.IsNullOrEmpty(first) ? Hosting.LedgerSilo.DefaultUrl : first), null, null);
    }

    /// <summary>An address given with --url, trusting the certificate of the configured HTTPS endpoint, if any.</summary>
    public static ProbeTarget Given(string url, IConfiguration configuration)
    {
        var https = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .FirstOrDefault(endpoint => endpoint["Url"]?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true);
        return new ProbeTarget(new Uri(url), https?["Certificate:Path"], https?["Certificate:Password"]);
    }

    /// <summary>
    /// How this target's certificate is judged. Over HTTPS to a loopback address the silo's certificate
    /// names the host, not 127.0.0.1, and is often issued by a data centre's own authority the image does
    /// not trust, so the ordinary check would fail on a healthy silo. The probe sends no secret and reads
    /// only a status, so what it must be sure of is that it talks to this silo: it trusts exactly the
    /// certificate the endpoint is configured with (<c>Certificate:Path</c>, PEM or PFX), whoever issued
    /// it and whatever name it carries, and no other. A certificate given otherwise (a store, Kestrel's
    /// default), or a path naming no file, leaves the ordinary check, the host name excepted on loopback
    /// only. Throws when the file is there but cannot be read (a wrong password, no permission): a pin
    /// the probe cannot read is no reason to trust anything.
    /// </summary>
    public ProbeCertificateCheck Check()
    {
        using var configured = Configured();
        return new ProbeCertificateCheck(configured?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), BaseUrl.IsLoopback);
    }

    /// <summary>The handler for this target, judging an HTTPS silo's certificate by <paramref name="check"/>.</summary>
    public HttpMessageHandler Handler(ProbeCertificateCheck check)
    {
        var handler = new HttpClientHandler();
        if (BaseUrl.Scheme == Uri.UriSchemeHttps)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => check.Accepts(certificate, errors);
        }
        return handler;
    }

    private X509Certificate2? Configured()
    {
        if (string.IsNullOrEmpty(CertificatePath))
        {
            return null;
        }
        // Kestrel reads a relative path from the content root, beside the binaries (Program.cs), not from
        // the working directory: the same file, wherever the health check is run from.
        var path = Path.Combine(AppContext.BaseDirectory, CertificatePath);
        if (!File.Exists(path))
        {
            return null;
        }
        return X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12
            ? X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword)
            : X509CertificateLoader.LoadCertificateFromFile(path);
    }

    private static Uri Local(string url)
    {
        var uri = new UriBuilder(url.Replace("://+", "://wildcard", StringComparison.Ordinal).Replace("://*", "://wildcard", StringComparison.Ordinal));
        // Kestrel binds a named host other than localhost to every address, as it does a wildcard.
        var boundEverywhere = !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            ? uri.Host != "localhost"
            : address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        if (boundEverywhere)
        {
            uri.Host = "127.0.0.1";
        }
        return uri.Uri;
    }
}
