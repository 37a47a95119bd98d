using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ledger.Bench.Load;

/// <summary>The figures of one harness run, with the targets of the load-harness issue beside them.</summary>
public sealed class LoadReport(LoadSettings settings, DateTimeOffset startedAt, int cores)
{
    public List<ModeFigures> Modes { get; } = [];

    public References.PeerFigures? Peer { get; set; }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load harness, {startedAt:yyyy-MM-dd HH:mm} UTC, {cores} cores; {settings.Households} households, " +
            $"{settings.Settlements} settlements per mode, peak batches of {settings.BatchLines} over {settings.Connections} connections, latency batches of {settings.LatencyBatchLines} at half the peak.");
        text.AppendLine();
        text.AppendLine("| mode | settlements/s (peak) | ack p50 / p99 ms at half peak | event after ack p50 / p99 ms (events) | silo CPU cores | PostgreSQL CPU cores | live heap per household | registration persons/s | projector lag p99 at peak |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in Modes)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {mode.Mode} | {mode.Peak.PerSecond:N0} | {mode.HalfPeak.Ack.Percentile(50):0.0} / {mode.HalfPeak.Ack.Percentile(99):0.0} | " +
                $"{mode.EventAfterAck.Percentile(50):0.0} / {mode.EventAfterAck.Percentile(99):0.0} ({mode.EventAfterAck.Count}) | {mode.SiloCores:0.00} | " +
                $"{mode.PostgresCores:0.00} | {mode.LiveHeapPerHousehold / 1024:0.0} KB | {mode.RegistrationPerSecond:N0} | {(mode.ProjectorLagP99 is { } lag ? "≤ " + lag.ToString(CultureInfo.InvariantCulture) + " s" : "–")} |");
        }
        if (Modes.FirstOrDefault(mode => mode.Mode == "postgres") is { } postgres && Peer is { } peer)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"The shared peer on the same server right after (`../shared/bench/sqlpeer/run.sh`; the journal costs {postgres.JournalBytesPerEntry:0} bytes per entry with its indexes):");
            text.AppendLine();
            text.AppendLine("| | settlements (or writes) per second | the ledger's PostgreSQL mode is |");
            text.AppendLine("|---|---:|---:|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| PL/pgSQL ledger, one round trip per settlement, 16 pgbench clients | {peer.PeerPerSecond:N0} | {postgres.Peak.PerSecond / peer.PeerPerSecond:0.00}× |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| raw single-row upserts of a 1.2 KB row (PostgreSQL's ceiling) | {peer.RawUpsertPerSecond:N0} | {postgres.Peak.PerSecond / peer.RawUpsertPerSecond:0.00}× |");
        }
        foreach (var mode in Modes.Where(mode => mode.Peak.Rejected + mode.HalfPeak.Rejected > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nWARNING: {mode.Mode}: {mode.Peak.Rejected + mode.HalfPeak.Rejected} settlements rejected");
        }
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new
    {
        startedAt, cores, settings,
        modes = Modes.Select(mode => new
        {
            mode.Mode, mode.Households, mode.Persons, mode.RegistrationPerSecond,
            peakPerSecond = mode.Peak.PerSecond, peakRecorded = mode.Peak.Recorded, peakRetries = mode.Peak.Retries,
            halfPeakPerSecond = mode.HalfPeak.PerSecond, ackP50 = mode.HalfPeak.Ack.Percentile(50), ackP99 = mode.HalfPeak.Ack.Percentile(99),
            eventAfterAckP50 = mode.EventAfterAck.Percentile(50), eventAfterAckP99 = mode.EventAfterAck.Percentile(99), events = mode.EventAfterAck.Count,
            mode.SiloCores, mode.PostgresCores, mode.JournalBytesPerEntry, mode.LiveHeapPerHousehold, mode.ProjectorLagP99,
        }),
        peerPerSecond = Peer?.PeerPerSecond, rawUpsertPerSecond = Peer?.RawUpsertPerSecond,
    }, new JsonSerializerOptions { WriteIndented = true });

    public static string Markdown(MemoryFigures figures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{figures.Mode}: {figures.Persons:N0} persons in {figures.Households:N0} households, each registered and settled once; " +
            $"before: silo RSS {Mb(figures.Before.Resident)}, live heap {Mb(figures.Before.LiveHeap)}.");
        text.AppendLine();
        text.AppendLine("| moment | silo RSS | live heap (after a full GC) | live heap growth per household with its members | per person | RSS growth per household |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (moment, reading) in new[] { ("just loaded", figures.Loaded), ("idled, then settled again", figures.Idle) })
        {
            var live = reading.LiveHeap - figures.Before.LiveHeap;
            var resident = reading.Resident - figures.Before.Resident;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {moment} | {Mb(reading.Resident)} | {Mb(reading.LiveHeap)} | {live / (double)figures.Households / 1024:0.0} KB | " +
                $"{live / (double)figures.Persons / 1024:0.0} KB | {resident / (double)figures.Households / 1024:0.0} KB |");
        }
        return text.ToString();
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");
}
