using BenchmarkDotNet.Attributes;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Ledger.Policy.Model;

namespace Ledger.Bench.Engine;

/// <summary>
/// The engine's hot path: one settlement split (and applied, with its thresholds evaluated) per
/// operation, over a prepared mix of claims, on Fujian (three tiers) and Jinhua (with burden caps).
/// </summary>
[MemoryDiagnoser]
public class SettlementBenchmarks
{
    private const int ClaimCount = 1_024;

    private readonly Claim[] _claims = new Claim[ClaimCount];
    private readonly MemberContext[] _members = new MemberContext[ClaimCount];
    private readonly ThresholdChange[] _changes = new ThresholdChange[Thresholds.ChangesMax];
    private PolicyVersion _policy = null!;
    private int _next;

    [Params("fujian-2022", "jinhua-2022")]
    public string Policy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
        var region = Policy == "fujian-2022" ? "350102" : "330702";
        var date = new DateOnly(2022, 6, 1);
        _policy = catalogue.Find(region, date)!;
        var random = new Random(42);
        Identities[] identities = [Identities.None, Identities.Dibao, Identities.PovertyAlleviated, Identities.ExtremePoverty | Identities.Dibao];
        for (var i = 0; i < ClaimCount; i++)
        {
            var type = (MedicalType)(i % 3);
            var total = decimal.Round((decimal)(random.NextDouble() * (type == MedicalType.Inpatient ? 60_000 : 2_000)) + 10m, 2);
            var scope = decimal.Round(total * 0.85m, 2);
            _claims[i] = new Claim(date, type, 1 + (i % 3), total, scope, total - scope);
            _members[i] = new MemberContext(identities[i % identities.Length], Residence.Rural);
        }
    }

    /// <summary>Split, apply to the person's and household's year, evaluate every monitoring rule.</summary>
    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public decimal Record()
    {
        var sum = 0m;
        for (var i = 0; i < ClaimCount; i++)
        {
            // A fresh year per settlement keeps every operation comparable (no year-long drift past caps).
            var person = new PersonYear();
            var household = new HouseholdYear();
            var split = SettlementEngine.Record(_policy, _claims[i], _members[i], ref person, ref household, _changes, out _);
            sum += split.SelfPay;
        }
        return sum;
    }

    /// <summary>The split alone, on a year that accumulates (caps and brackets come into play).</summary>
    [Benchmark(OperationsPerInvoke = ClaimCount)]
    public decimal SplitOnly()
    {
        var person = new PersonYear();
        var household = new HouseholdYear();
        var sum = 0m;
        for (var i = 0; i < ClaimCount; i++)
        {
            var index = (_next + i) % ClaimCount;
            sum += Waterfall.Split(_policy, _claims[index], _members[index], person, household).SelfPay;
        }
        _next++;
        return sum;
    }
}
