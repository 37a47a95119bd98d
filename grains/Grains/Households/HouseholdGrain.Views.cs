using Ledger.Policy.Domain;
using Ledger.Contracts.Households;
using Ledger.Grains.Settlements;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Grains.Households;

/// <summary>Reads: the household's year and each member's, as caseworkers see them.</summary>
public sealed partial class HouseholdGrain
{
    public Task<HouseholdView> Get(int year)
    {
        var householdYear = State.Years.GetValueOrDefault(year);
        var policy = PolicyFor(year);
        var members = State.Members.Keys.Order(StringComparer.Ordinal).Select(psnNo => MemberView(psnNo, year)!).ToList();
        CapsView? caps = policy?.BurdenCap is { } cap
            ? new CapsView(cap.IndividualCap, cap.HouseholdCap, householdYear.Totals.SelfPay,
                Math.Max(0m, cap.HouseholdCap - householdYear.Totals.SelfPay))
            : null;
        return Task.FromResult(new HouseholdView
        {
            HouseholdId = HouseholdId,
            RegionCode = State.RegionCode,
            Year = year,
            Members = members,
            Totals = Views.Totals(householdYear.Totals),
            Caps = caps,
            Thresholds = Views.Thresholds(householdYear.Flags, policy, rule => Views.HouseholdReading(policy, rule, householdYear)),
        });
    }

    public Task<MemberYearView?> GetMember(string psnNo, int year) => Task.FromResult(MemberView(psnNo, year));

    private MemberYearView? MemberView(string psnNo, int year)
    {
        if (!State.Members.TryGetValue(psnNo, out var member))
        {
            return null;
        }
        var personYear = member.Years.GetValueOrDefault(year);
        var policy = PolicyFor(year);
        return new MemberYearView(psnNo, Views.Totals(personYear.Totals),
            Views.Thresholds(personYear.Flags, policy, rule => Views.PersonReading(policy, rule, personYear)));
    }

    /// <summary>The policy of the household's region at the end of the year (or today, for this year).</summary>
    private PolicyVersion? PolicyFor(int year)
    {
        var today = ChinaTime.Date(clock.Now);
        var date = year == today.Year ? today : new DateOnly(year, 12, 31);
        return State.RegionCode.Length == 0 ? null : catalogue.Find(State.RegionCode, date)
            ?? catalogue.Find(State.RegionCode, new DateOnly(year, 1, 1));
    }
}
