namespace Ledger.Silo.Hosting;

/// <summary>Configuration section <c>Ledger</c>.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The Orleans gateway, for external Orleans clients. None unless configured: the HTTP API runs
    /// inside the silo and needs none, and a gateway lets any Orleans client call grains past the API
    /// keys (give it TLS with client certificates, <see cref="SiloTls"/>, if you open one).
    /// </summary>
    public int? GatewayPort { get; set; }

    /// <summary>The cluster's identity: silos join only silos with the same ids (PostgreSQL mode).</summary>
    public string ClusterId { get; set; } = "ledger";

    public string ServiceId { get; set; } = "household-ledger";

    /// <summary>Folder of policy files; defaults to the one shipped beside the binaries.</summary>
    public string? PolicyFolder { get; set; }

    /// <summary>Memory-stream polling period: the default 100 ms dominates event latency.</summary>
    public int StreamPollMilliseconds { get; set; } = 10;

    /// <summary>TLS between silos (and on the gateway): off unless a certificate is configured.</summary>
    public SiloTlsOptions SiloTls { get; set; } = new();
}
