using System.Globalization;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Shared;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ledger.Policy.Tests.Golden;

/// <summary>
/// Runs every case of <c>policies/golden/*.yaml</c> through the household ledger: each step's split must
/// match to the fen, its events in order, and the adjustments it caused exactly.
/// </summary>
public sealed class GoldenCaseTests
{
    private static readonly string PolicyFolder = Path.Combine(AppContext.BaseDirectory, "policies");
    private static readonly PolicyCatalogue Catalogue = PolicyLoader.LoadDirectory(PolicyFolder);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, golden) in Files())
        {
            foreach (var goldenCase in golden.Cases)
            {
                data.Add(file, goldenCase.Name);
            }
        }
        return data;
    }

    [Fact]
    public void Every_shipped_policy_has_at_least_ten_golden_cases()
    {
        var counts = Files().GroupBy(file => file.Golden.Policy).ToDictionary(group => group.Key, group => group.Sum(file => file.Golden.Cases.Count));
        foreach (var policy in Catalogue.Policies)
        {
            Assert.True(counts.GetValueOrDefault(policy.Id) >= 10, $"{policy.Id} has {counts.GetValueOrDefault(policy.Id)} golden cases; at least 10 expected");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Golden_case_matches(string file, string name)
    {
        var golden = Files().Single(entry => entry.File == file).Golden;
        var goldenCase = golden.Cases.Single(entry => entry.Name == name);
        var run = new GoldenRun(Catalogue, golden);
        for (var i = 0; i < goldenCase.Steps.Count; i++)
        {
            var step = goldenCase.Steps[i];
            var where = $"{file} / {name} / step {i + 1}";
            var (split, events, adjusted) = run.Step(goldenCase, step, where);
            if (step.Settlement is not null)
            {
                AssertAmount(step.Expect.HifpPay, split.Basic, where, "hifp_pay");
                AssertAmount(step.Expect.HifmiPay, split.Critical, where, "hifmi_pay");
                AssertAmount(step.Expect.MafPay, split.Assistance, where, "maf_pay");
                AssertAmount(step.Expect.FloorPay, split.Floor, where, "floor_pay");
                AssertAmount(step.Expect.SupplementaryPay, split.Supplementary, where, "supplementary_pay");
                AssertAmount(step.Expect.WarmFundPay, split.WarmFund, where, "warm_fund_pay");
                AssertAmount(step.Expect.PsnPartAmt, split.SelfPay, where, "psn_part_amt");
            }
            Assert.True(step.Expect.Events.SequenceEqual(events),
                $"{where}: events\n  expected [{string.Join(", ", step.Expect.Events)}]\n  actual   [{string.Join(", ", events)}]");
            var person = run.Year;
            Assert.True(step.Expect.CriticalBase is not { } critical || critical == person.CriticalBase,
                $"{where}: critical_base expected {step.Expect.CriticalBase} but the year stands at {person.CriticalBase}");
            Assert.True(step.Expect.DeductiblePaid is not { } paid || paid == person.InpatientDeductiblePaid,
                $"{where}: deductible_paid expected {step.Expect.DeductiblePaid} but the year stands at {person.InpatientDeductiblePaid}");
            Assert.True(step.Expect.Adjusted.Select(a => a.ToString()).SequenceEqual(adjusted.Select(a => a.ToString())),
                $"{where}: adjusted\n  expected [{string.Join("; ", step.Expect.Adjusted)}]\n  actual   [{string.Join("; ", adjusted)}]");
        }
    }

    private static void AssertAmount(decimal? expected, decimal actual, string where, string field)
    {
        Assert.True(expected.HasValue, $"{where}: expect.{field} is missing (golden cases state every amount)");
        Assert.True(expected == actual, $"{where}: {field} expected {expected} but the engine paid {actual}");
    }

    private static IEnumerable<(string File, GoldenFile Golden)> Files()
    {
        var yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        return Directory.GetFiles(Path.Combine(PolicyFolder, "golden"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), yaml.Deserialize<GoldenFile>(File.ReadAllText(path))));
    }
}

/// <summary>
/// One golden case run through the household ledger as the product runs it: settlements count in
/// settlement-time order (a step dated before an earlier one is a late settlement), and a reversal or
/// a back-dated identity re-adjudicates the settlements it reaches.
/// </summary>
internal sealed class GoldenRun(PolicyCatalogue catalogue, GoldenFile golden)
{
    private readonly Households.LedgerBook _book = new("household", catalogue);
    private readonly Dictionary<string, int> _stepOf = new(StringComparer.Ordinal);
    private int _step;
    private (string PsnNo, int Year) _last;

    /// <summary>The year, as the ledger now holds it, of the member whose settlement the last step recorded or reversed.</summary>
    public PersonYear Year => _book.Ledger.Members[_last.PsnNo].Years.Get(_last.Year);

    public (Split Split, List<string> Events, List<GoldenAdjustment> Adjusted) Step(GoldenCase goldenCase, GoldenStep step, string where)
    {
        _step++;
        if (_step == 1)
        {
            foreach (var (name, member) in goldenCase.Members)
            {
                Assert.Null(_book.Register(Profile(name, member.Residence, member.Identities)).GetAwaiter().GetResult().Refusal);
            }
        }
        LedgerPlan plan;
        if (step.Reverse is { } index)
        {
            var setlId = SetlId(index);
            plan = _book.Reverse(_book.Journal.First(entry => entry.SetlId == setlId).PsnNo, setlId).GetAwaiter().GetResult();
        }
        else if (step.Identities is { } change)
        {
            plan = _book.Register(Profile(change.Member, goldenCase.Members[change.Member].Residence, change.Identities)).GetAwaiter().GetResult();
        }
        else
        {
            var memberName = step.Member ?? throw new InvalidOperationException($"{where}: step needs member, reverse or identities");
            var claim = ToClaim(step.Settlement!, where);
            Assert.Null(ClaimValidator.Validate(claim));
            Assert.True(catalogue.TryFind(golden.Region, claim.Date, out var found, out var reason), $"{where}: {reason}");
            Assert.Equal(golden.Policy, found.PolicyId);
            var key = new SettlementKey(new DateTimeOffset(claim.Date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset), SetlId(_step));
            plan = _book.Settle(memberName, key, claim).GetAwaiter().GetResult();
        }
        Assert.True(plan.Refusal is null, $"{where}: refused: {plan.Refusal}");
        var primary = plan.Entries[0];
        _last = (primary.PsnNo, primary.Year);
        var totals = primary.Change.Totals;
        var split = new Split(totals.Total, totals.PolicyScope, totals.Basic, totals.Critical, totals.Assistance, totals.Floor,
            totals.Supplementary, totals.WarmFund, totals.SelfPay, primary.Change.CriticalBase, primary.Change.HighCostCount > 0, primary.CapBinding);
        var adjusted = plan.Entries.Skip(1).Select(entry => new GoldenAdjustment
        {
            Step = _stepOf[entry.SetlId], HifpPay = entry.Change.Totals.Basic, HifmiPay = entry.Change.Totals.Critical,
            MafPay = entry.Change.Totals.Assistance, FloorPay = entry.Change.Totals.Floor, SupplementaryPay = entry.Change.Totals.Supplementary,
            WarmFundPay = entry.Change.Totals.WarmFund, PsnPartAmt = entry.Change.Totals.SelfPay,
        }).ToList();
        return (split, Describe(primary.Events), adjusted);
    }

    private string SetlId(int step)
    {
        var setlId = $"S{step:00}";
        _stepOf[setlId] = step;
        return setlId;
    }

    private MemberProfile Profile(string name, string residence, IEnumerable<GoldenIdentity> identities) =>
        new(name, golden.Region, residence == "urban" ? Residence.Urban : Residence.Rural, [.. identities.Select(ToPeriod)]);

    private static List<string> Describe(IReadOnlyList<EntryEvent> events) => [.. events.Select(fired => fired.Kind switch
    {
        EntryEventKind.CapApplied => $"cap_applied {RuleCodes.ToCode(fired.Rule)}",
        EntryEventKind.Cleared => $"threshold_cleared {RuleCodes.ToCode(fired.Rule)} {RuleCodes.ToCode(fired.Level)}",
        _ => $"{RuleCodes.ToCode((ThresholdChangeKind)fired.Kind)} {RuleCodes.ToCode(fired.Rule)}",
    })];

    private static IdentityPeriod ToPeriod(GoldenIdentity identity)
    {
        Assert.True(IdentityCodes.TryParse(identity.Type, out var parsed), $"unknown identity {identity.Type}");
        return new IdentityPeriod(parsed, DateOnly.Parse(identity.Begin, CultureInfo.InvariantCulture),
            identity.End is null ? null : DateOnly.Parse(identity.End, CultureInfo.InvariantCulture));
    }

    /// <summary>The settlement fields a case may give (national names); a misspelt one must not vanish quietly.</summary>
    private static readonly HashSet<string> SettlementFields =
    [
        "setl_time", "med_type", "hosp_lv", "medfee_sumamt", "inscp_scp_amt", "fulamt_ownpay_amt", "overlmt_selfpay",
        "preselfpay_amt", "hifp_pay", "hifmi_pay", "maf_pay", "oth_pay", "refl_setl_flag", "mdtrtarea_admvs",
    ];

    private static Claim ToClaim(Dictionary<string, string> fields, string where)
    {
        Assert.True(fields.Keys.All(SettlementFields.Contains),
            $"{where}: unknown settlement field(s) {string.Join(", ", fields.Keys.Where(key => !SettlementFields.Contains(key)))}");
        decimal Amount(string key) => fields.TryGetValue(key, out var text) ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0m;
        decimal? Prepaid(string key) => fields.TryGetValue(key, out var text) ? decimal.Parse(text, CultureInfo.InvariantCulture) : null;
        Assert.True(MedicalTypeCodes.TryParse(fields["med_type"], out var medicalType), $"{where}: med_type");
        var total = Amount("medfee_sumamt");
        var scope = Amount("inscp_scp_amt");
        var overLimit = Amount("overlmt_selfpay");
        var preSelfPay = Amount("preselfpay_amt");
        // A case may leave fulamt_ownpay_amt out: it is then whatever makes the four parts add up.
        var fullOwnPay = fields.ContainsKey("fulamt_ownpay_amt") ? Amount("fulamt_ownpay_amt") : total - scope - overLimit - preSelfPay;
        return new Claim(DateOnly.Parse(fields["setl_time"][..10], CultureInfo.InvariantCulture), medicalType,
            int.Parse(fields["hosp_lv"], CultureInfo.InvariantCulture), total, scope, fullOwnPay, overLimit, preSelfPay,
            Prepaid("hifp_pay"), Prepaid("hifmi_pay"), Prepaid("maf_pay"), Prepaid("oth_pay"),
            fields.GetValueOrDefault("refl_setl_flag") == "1", fields.GetValueOrDefault("mdtrtarea_admvs"));
    }
}
