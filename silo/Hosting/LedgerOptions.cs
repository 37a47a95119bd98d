namespace Ledger.Silo.Hosting;

/// <summary>Configuration section <c>Ledger</c>.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Folder of policy files; defaults to the one shipped beside the binaries.</summary>
    public string? PolicyFolder { get; set; }

    /// <summary>Memory-stream polling period: the default 100 ms dominates event latency.</summary>
    public int StreamPollMilliseconds { get; set; } = 10;
}
