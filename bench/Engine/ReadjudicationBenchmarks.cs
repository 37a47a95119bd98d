using BenchmarkDotNet.Attributes;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Shared;

namespace Ledger.Bench.Engine;

/// <summary>
/// Re-adjudication of a busy household-year: 5 000 settlements of three members recorded in order,
/// then one more dated on the first day of the year (a late settlement: every later one is split
/// again), or the reversal of the first. One operation is the whole plan: the year's journal read into
/// settlements, replayed in settlement-time order, and the adjustments built.
/// </summary>
[MemoryDiagnoser]
public class ReadjudicationBenchmarks
{
    private const int Settlements = 5_000;

    private static readonly DateTimeOffset YearStart = new(2022, 1, 1, 8, 0, 0, ChinaTime.Offset);

    private HouseholdLedger _ledger = null!;
    private List<JournalEntry> _journal = null!;
    private PolicyLookup _policies = null!;

    [Params("fujian-2022", "jinhua-2022")]
    public string Policy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
        _policies = catalogue.Find;
        var region = Policy == "fujian-2022" ? "350102" : "330702";
        var members = new[] { Identities.Dibao, Identities.PovertyAlleviated, Identities.None }
            .Select((identity, index) => new MemberProfile($"P{index}", region, Residence.Rural,
                identity == Identities.None ? [] : [new IdentityPeriod(identity, new DateOnly(2020, 1, 1), null)]))
            .ToList();
        _ledger = HouseholdLedger.Of("H", members);
        _journal = [];
        var random = new Random(7);
        for (var i = 0; i < Settlements; i++)
        {
            var time = YearStart.AddMinutes(100 + i * 100);
            var total = decimal.Round((decimal)(random.NextDouble() * 3_000) + 10m, 2);
            var claim = new Claim(ChinaTime.Date(time), i % 10 == 0 ? MedicalType.Inpatient : MedicalType.Outpatient, 1 + (i % 3), total, total);
            var plan = _ledger.PlanSettlementAsync($"P{i % 3}", new SettlementKey(time, $"S{i:00000}"), claim, _policies, Unused, time).Result;
            var committed = plan.Entries.Select(entry => entry with { Position = _journal.Count + 1 }).ToList();
            _journal.AddRange(committed);
            _ledger.Commit(committed);
        }
    }

    [Benchmark]
    public int LateSettlementOnTheFirstDay()
    {
        var claim = new Claim(new DateOnly(2022, 1, 1), MedicalType.Inpatient, 3, 50_000m, 45_000m, 5_000m);
        var plan = _ledger.PlanSettlementAsync("P0", new SettlementKey(YearStart, "LATE"), claim, _policies, History, YearStart.AddYears(1)).Result;
        return plan.Entries.Count;
    }

    [Benchmark]
    public int ReversalOfTheFirst()
    {
        var plan = _ledger.PlanReversalAsync("P0", "S00000", 2022, _policies, History, YearStart.AddYears(1)).Result;
        return plan.Entries.Count;
    }

    private Task<IReadOnlyList<JournalEntry>> History(IReadOnlyCollection<string> psnNos, int fromYear, int toYear) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>(_journal);

    private static Task<IReadOnlyList<JournalEntry>> Unused(IReadOnlyCollection<string> psnNos, int fromYear, int toYear) =>
        throw new InvalidOperationException("settlements recorded in order never read history");
}
