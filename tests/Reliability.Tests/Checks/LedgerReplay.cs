using System.Globalization;
using Ledger.Client.Wire;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Reliability.Tests.Feeds;
using Ledger.Shared;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>
/// The feed replayed offline through the household ledger, without the cluster: each household's
/// settlements in settlement-time order (the order the policies count them in, whatever order they
/// arrived in), every other number from the feed files and the policy files. What the ledger's totals
/// and open threshold levels must be.
/// </summary>
public sealed class LedgerReplay
{
    private static readonly DateTimeOffset Now = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Totals> _persons = [];
    private readonly HashSet<OpenLevel> _open = [];

    public IReadOnlyDictionary<string, Totals> PersonTotals => _persons;

    /// <summary>Every level open at the end of the year, on persons and households.</summary>
    public IReadOnlySet<OpenLevel> OpenLevels => _open;

    public static LedgerReplay Run(SyntheticFeed feed, IReadOnlySet<string> recorded)
    {
        var catalogue = PolicyLoader.LoadDirectory(Repository.Path("policies"));
        PolicyLookup policies = catalogue.Find;
        var replay = new LedgerReplay();
        var settlements = feed.Settlements.Where(line => recorded.Contains(line.SetlId)).ToLookup(line => line.PsnNo);
        foreach (var household in feed.Persons.GroupBy(person => person.HouseholdId))
        {
            var ledger = HouseholdLedger.Of(household.Key, household.Select(Profile));
            var inOrder = household.SelectMany(person => settlements[person.PsnNo])
                .Select(line => (Line: line, Key: new SettlementKey(Time(line), line.SetlId))).OrderBy(item => item.Key);
            foreach (var (line, key) in inOrder)
            {
                var plan = ledger.PlanSettlementAsync(line.PsnNo, key, Claim(line), policies, (_, _, _) => throw new InvalidOperationException("in order"), Now)
                    .GetAwaiter().GetResult();
                ledger.Commit(plan.Entries);
            }
            replay.Collect(ledger);
        }
        return replay;
    }

    private void Collect(HouseholdLedger ledger)
    {
        foreach (var (psnNo, member) in ledger.Members)
        {
            var year = member.Years.Get(SyntheticFeed.Year);
            var totals = year.Totals;
            _persons[psnNo] = new Totals(totals.Total, totals.PolicyScope, totals.Basic, totals.Critical, totals.Assistance, totals.Floor,
                totals.Supplementary, totals.WarmFund, totals.FundPay, totals.SelfPay, totals.SettlementCount);
            Open(psnNo, year.Flags);
        }
        Open(ledger.HouseholdId, ledger.Years.Get(SyntheticFeed.Year).Year.Flags);
    }

    private void Open(string subjectId, ThresholdFlags flags)
    {
        foreach (var (rule, level) in flags.Set())
        {
            _open.Add(new OpenLevel(subjectId, RuleCodes.ToCode(rule), RuleCodes.ToCode(level)));
        }
    }

    private static MemberProfile Profile(PersonLine person) => new(person.PsnNo, person.RegionCode,
        person.Residence == "urban" ? Residence.Urban : Residence.Rural,
        [.. person.Identities.Select(identity => IdentityCodes.TryParse(identity.Type, out var parsed)
            ? new IdentityPeriod(parsed, identity.Begin, identity.End) : throw new InvalidOperationException(identity.Type))]);

    /// <summary>setl_time is written without an offset: China time.</summary>
    private static DateTimeOffset Time(SettlementLine line) =>
        new(DateTime.ParseExact(line.SetlTime.Replace(' ', 'T'), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), ChinaTime.Offset);

    private static Claim Claim(SettlementLine line)
    {
        MedicalTypeCodes.TryParse(line.MedType, out var medicalType);
        return new Claim(ChinaTime.Date(Time(line)), medicalType, line.HospLv, line.MedfeeSumamt, line.InscpScpAmt, line.FulamtOwnpayAmt,
            line.OverlmtSelfpay, line.PreselfpayAmt, line.HifpPay, line.HifmiPay, line.MafPay);
    }
}
