using Ledger.Contracts.Households;
using Ledger.Grains.Journal;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Model;

namespace Ledger.Grains.Households;

/// <summary>Reads: the household's year and each member's, as caseworkers see them.</summary>
public sealed partial class HouseholdGrain
{
    public async Task<HouseholdView> Get(int year)
    {
        await Current();
        var householdYear = _ledger.Years.Get(year).Year;
        var (policy, date) = PolicyFor(year);
        var members = _ledger.Members.Keys.Order(StringComparer.Ordinal).Select(psnNo => MemberView(psnNo, year)!).ToList();
        var anyone = _ledger.Members.Values.FirstOrDefault();
        var caps = policy is null || anyone is null ? null : Caps(policy, anyone.Profile.On(date), anyone.Years.Get(year), householdYear);
        return new HouseholdView
        {
            HouseholdId = HouseholdId,
            RegionCode = _ledger.RegionCode,
            Year = year,
            Members = members,
            Totals = WireAmounts.Totals(householdYear.Totals),
            Caps = caps,
            Thresholds = anyone is null ? []
                : Views.Thresholds(householdYear.Flags, OpeningsOf(year, true, HouseholdId), policy, anyone.Profile.On(date),
                    anyone.Years.Get(year), householdYear),
        };
    }

    public async Task<MemberYearView?> GetMember(string psnNo, int year)
    {
        await Current();
        return MemberView(psnNo, year);
    }

    /// <summary>
    /// Before a read, one look at the journal's newest entry of the household: if another activation
    /// wrote since this one loaded (see <see cref="Fenced"/>), reload, so a read never shows totals
    /// behind the journal. Reads are caseworkers', few beside the feed's writes.
    /// </summary>
    private async Task Current()
    {
        if (await journal.HouseholdPosition(HouseholdId) > _fence)
        {
            await Reload("a read found newer entries in its journal");
        }
    }

    private MemberYearView? MemberView(string psnNo, int year)
    {
        if (!_ledger.Members.TryGetValue(psnNo, out var member))
        {
            return null;
        }
        var personYear = member.Years.Get(year);
        var (policy, date) = PolicyFor(year);
        return new MemberYearView(psnNo, WireAmounts.Totals(personYear.Totals),
            Views.Thresholds(personYear.Flags, OpeningsOf(year, false, psnNo), policy, member.Profile.On(date), personYear, _ledger.Years.Get(year).Year));
    }

    private Func<Rule, Level, EntryEvent?> OpeningsOf(int year, bool household, string subjectId) =>
        (rule, level) => _ledger.OpeningOf(new LevelKey(year, household, subjectId, rule, level));

    /// <summary>The caps as the engine reads them (the thresholds its cap rules fire on), or null when the policy has none.</summary>
    private static CapsView? Caps(PolicyVersion policy, in MemberContext member, in PersonYear person, in HouseholdYear household)
    {
        var individual = RuleReadings.Read(policy, Rule.IndividualCap, member, person, household);
        var burden = RuleReadings.Read(policy, Rule.HouseholdCap, member, person, household);
        return individual is { } perPerson && burden is { } perHousehold
            ? new CapsView(perPerson.Threshold, perHousehold.Threshold, perHousehold.Value, Math.Max(0m, perHousehold.Threshold - perHousehold.Value))
            : null;
    }

    /// <summary>
    /// The policy and date a view reads the year's rule values and caps on: the date of the year's latest
    /// settlement (in settlement-time order). The open levels' thresholds are their openings' (each member
    /// reached its own at its own settlement, see <see cref="Views.Thresholds"/>). A year without settlements
    /// reads at its end (today, for this year).
    /// </summary>
    private (PolicyVersion? Policy, DateOnly Date) PolicyFor(int year)
    {
        var last = _ledger.Years.Get(year).Last;
        var today = ChinaTime.Date(clock.GetUtcNow());
        var date = last != SettlementKey.None ? ChinaTime.Date(last.SetlTime) : year == today.Year ? today : new DateOnly(year, 12, 31);
        var region = _ledger.RegionCode;
        return region.Length == 0 ? (null, date)
            : catalogue.Find(region, date) is { } policy ? (policy, date)
            : (catalogue.Find(region, new DateOnly(year, 1, 1)), new DateOnly(year, 1, 1));
    }
}
