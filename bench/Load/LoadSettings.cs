namespace Ledger.Bench.Load;

/// <summary>The shape of one run: the synthetic region and how it is fed.</summary>
public sealed record LoadSettings
{
    public const string Region = "350102";
    public const int Year = 2024;

    public int Households { get; init; } = 20_000;
    public int Settlements { get; init; } = 300_000;
    public int Connections { get; init; } = 8;
    public int BatchLines { get; init; } = 1_000;

    /// <summary>Lines per request in the latency phase: small, as a hospital's feed sends them.</summary>
    public int LatencyBatchLines { get; init; } = 20;

    public long Seed { get; init; } = 1;

    /// <summary>Share of the settlements fed first, unmeasured, to warm the JIT and activate the grains.</summary>
    public double WarmupShare { get; init; } = 0.15;

    /// <summary>Settlements per second in the latency phase; null: half the peak just measured.</summary>
    public double? LatencyRate { get; init; }

    /// <summary>Share fed in the latency phase, at half the peak rate.</summary>
    public double LatencyShare { get; init; } = 0.25;

    /// <summary>How long the shared peer runs each of its two measurements.</summary>
    public TimeSpan ReferenceDuration { get; init; } = TimeSpan.FromSeconds(20);
}
