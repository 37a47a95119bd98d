using System.Globalization;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ledger.Policy.Tests.Golden;

/// <summary>
/// Runs every case of <c>policies/golden/*.yaml</c> through the engine: each step's split must match
/// to the fen and its events must match in order.
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
            var (split, events) = run.Step(goldenCase, step, where);
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

/// <summary>The state of one golden case while its steps run: one household and its members' years.</summary>
internal sealed class GoldenRun(PolicyCatalogue catalogue, GoldenFile golden)
{
    private readonly Dictionary<string, PersonYear> _people = [];
    private readonly List<(Split Split, MemberContext Member, string MemberName, DateOnly Date)> _recorded = [];
    private HouseholdYear _household;

    public (Split Split, List<string> Events) Step(GoldenCase goldenCase, GoldenStep step, string where)
    {
        var changes = new ThresholdChange[Thresholds.ChangesMax];
        if (step.Reverse is { } index)
        {
            var (split, member, name, date) = _recorded[index - 1];
            var policy = catalogue.Find(golden.Region, date)!;
            var person = _people[name];
            var count = SettlementEngine.Reverse(policy, split, member, ref person, ref _household, changes);
            _people[name] = person;
            _recorded.Add((split, member, name, date));
            return (split, Describe(default, changes.AsSpan(0, count)));
        }
        var memberName = step.Member ?? throw new InvalidOperationException($"{where}: step needs member or reverse");
        var claim = ToClaim(step.Settlement!, where);
        Assert.Null(ClaimValidator.Validate(claim));
        Assert.True(catalogue.TryFind(golden.Region, claim.Date, out var found, out var reason), $"{where}: {reason}");
        Assert.Equal(golden.Policy, found.PolicyId);
        var profile = goldenCase.Members[memberName];
        var context = new MemberContext(IdentityPeriod.ValidOn(profile.Identities.Select(ToPeriod), claim.Date),
            profile.Residence == "urban" ? Residence.Urban : Residence.Rural);
        var year = _people.GetValueOrDefault(memberName);
        var recorded = SettlementEngine.Record(found, claim, context, ref year, ref _household, changes, out var changeCount);
        _people[memberName] = year;
        _recorded.Add((recorded, context, memberName, claim.Date));
        return (recorded, Describe(recorded, changes.AsSpan(0, changeCount)));
    }

    private static List<string> Describe(Split split, ReadOnlySpan<ThresholdChange> changes)
    {
        var events = new List<string>();
        if (split.CapBinding != CapBinding.None)
        {
            events.Add(split.CapBinding == CapBinding.Household ? "cap_applied household_cap" : "cap_applied individual_cap");
        }
        foreach (var change in changes)
        {
            var text = $"{RuleCodes.ToCode(change.Kind)} {RuleCodes.ToCode(change.Rule)}";
            events.Add(change.Kind == ThresholdChangeKind.Cleared ? $"{text} {RuleCodes.ToCode(change.Level)}" : text);
        }
        return events;
    }

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
