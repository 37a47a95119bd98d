using System.Globalization;
using Ledger.Client.Wire;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Ledger.Reliability.Tests.Feeds;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>A threshold or cap event the feed must cause, identified as the ledger identifies it.</summary>
public sealed record ExpectedEvent(string EventId, string Kind, string? Rule, string? Level, string SubjectId);

/// <summary>
/// The feed replayed offline through the policy engine, without the cluster: each household's
/// settlements in the order the ledger logged them (the only order-dependent input), every other
/// number from the feed files and the policy files. What the ledger's totals and events must be.
/// </summary>
public sealed class LedgerReplay
{
    private readonly Dictionary<string, Totals> _persons = [];
    private readonly List<ExpectedEvent> _events = [];

    public IReadOnlyDictionary<string, Totals> PersonTotals => _persons;

    /// <summary>Every threshold and cap event, with the id the ledger gives it ("{household}/{setl_id}/{n}").</summary>
    public IReadOnlyList<ExpectedEvent> Events => _events;

    public static LedgerReplay Run(SyntheticFeed feed, IEnumerable<string> setlIdsInLogOrder)
    {
        var catalogue = PolicyLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "policies"));
        var persons = feed.Persons.ToDictionary(person => person.PsnNo);
        var settlements = feed.Settlements.ToDictionary(settlement => settlement.SetlId);
        var replay = new LedgerReplay();
        var personYears = new Dictionary<string, PersonYear>();
        var householdYears = new Dictionary<string, HouseholdYear>();
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        foreach (var setlId in setlIdsInLogOrder)
        {
            var line = settlements[setlId];
            var person = persons[line.PsnNo];
            var claim = Claim(line);
            var policy = catalogue.Find(person.RegionCode, claim.Date) ?? throw new InvalidOperationException($"no policy for {person.RegionCode} on {claim.Date}");
            var context = new MemberContext(
                IdentityPeriod.ValidOn(person.Identities.Select(Period), claim.Date), person.Residence == "urban" ? Residence.Urban : Residence.Rural);
            var personYear = personYears.GetValueOrDefault(line.PsnNo);
            var householdYear = householdYears.GetValueOrDefault(person.HouseholdId);
            var split = SettlementEngine.Record(policy, claim, context, ref personYear, ref householdYear, changes, out var count);
            personYears[line.PsnNo] = personYear;
            householdYears[person.HouseholdId] = householdYear;
            replay.AddEvents(person, setlId, split, policy.BurdenCap is not null, changes[..count]);
        }
        foreach (var (psnNo, year) in personYears)
        {
            var totals = year.Totals;
            replay._persons[psnNo] = new Totals(totals.Total, totals.PolicyScope, totals.Basic, totals.Critical, totals.Assistance, totals.Floor,
                totals.Supplementary, totals.WarmFund, totals.FundPay, totals.SelfPay, totals.SettlementCount);
        }
        return replay;
    }

    /// <summary>The ledger's numbering: 0 the settlement, then the cap that bound, then the threshold changes.</summary>
    private void AddEvents(PersonLine person, string setlId, in Split split, bool hasBurdenCap, ReadOnlySpan<ThresholdChange> changes)
    {
        var next = 1;
        if (split.CapBinding != CapBinding.None && hasBurdenCap)
        {
            var household = split.CapBinding == CapBinding.Household;
            _events.Add(new ExpectedEvent($"{person.HouseholdId}/{setlId}/{next++}", "cap_applied",
                household ? "household_cap" : "individual_cap", null, household ? person.HouseholdId : person.PsnNo));
        }
        foreach (var change in changes)
        {
            _events.Add(new ExpectedEvent($"{person.HouseholdId}/{setlId}/{next++}", RuleCodes.ToCode(change.Kind), RuleCodes.ToCode(change.Rule),
                RuleCodes.ToCode(change.Level), change.IsHouseholdSubject ? person.HouseholdId : person.PsnNo));
        }
    }

    private static Claim Claim(SettlementLine line)
    {
        MedicalTypeCodes.TryParse(line.MedType, out var medicalType);
        // setl_time is written without an offset: China time, whose date is the settlement date.
        var date = DateOnly.ParseExact(line.SetlTime[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Claim(date, medicalType, line.HospLv, line.MedfeeSumamt, line.InscpScpAmt, line.FulamtOwnpayAmt,
            line.OverlmtSelfpay, line.PreselfpayAmt, line.HifpPay, line.HifmiPay, line.MafPay);
    }

    private static IdentityPeriod Period(IdentityLine identity)
    {
        IdentityCodes.TryParse(identity.Type, out var parsed);
        return new IdentityPeriod(parsed, identity.Begin, identity.End);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("Orleans.sln not found above the test output");
        }
        return directory.FullName;
    }
}
