using Ledger.Contracts.Households;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Model;

namespace Ledger.Grains.Households;

/// <summary>Reads: the household's year and each member's, as caseworkers see them.</summary>
public sealed partial class HouseholdGrain
{
    public Task<HouseholdView> Get(int year)
    {
        var householdYear = _ledger.Years.Get(year).Year;
        var (policy, date) = PolicyFor(year);
        var members = _ledger.Members.Keys.Order(StringComparer.Ordinal).Select(psnNo => MemberView(psnNo, year)!).ToList();
        CapsView? caps = policy?.BurdenCap is { } cap
            ? new CapsView(cap.IndividualCap, cap.HouseholdCap, householdYear.Totals.SelfPay,
                Math.Max(0m, cap.HouseholdCap - householdYear.Totals.SelfPay))
            : null;
        var anyone = _ledger.Members.Values.FirstOrDefault();
        return Task.FromResult(new HouseholdView
        {
            HouseholdId = HouseholdId,
            RegionCode = _ledger.RegionCode,
            Year = year,
            Members = members,
            Totals = Views.Totals(householdYear.Totals),
            Caps = caps,
            Thresholds = anyone is null ? []
                : Views.Thresholds(householdYear.Flags, policy, anyone.Profile.On(date), anyone.Years.Get(year), householdYear),
        });
    }

    public Task<MemberYearView?> GetMember(string psnNo, int year) => Task.FromResult(MemberView(psnNo, year));

    private MemberYearView? MemberView(string psnNo, int year)
    {
        if (!_ledger.Members.TryGetValue(psnNo, out var member))
        {
            return null;
        }
        var personYear = member.Years.Get(year);
        var (policy, date) = PolicyFor(year);
        return new MemberYearView(psnNo, Views.Totals(personYear.Totals),
            Views.Thresholds(personYear.Flags, policy, member.Profile.On(date), personYear, _ledger.Years.Get(year).Year));
    }

    /// <summary>The policy of the household's region at the end of the year (or today, for this year), and that date.</summary>
    private (PolicyVersion? Policy, DateOnly Date) PolicyFor(int year)
    {
        var today = ChinaTime.Date(clock.Now);
        var date = year == today.Year ? today : new DateOnly(year, 12, 31);
        var region = _ledger.RegionCode;
        return region.Length == 0 ? (null, date)
            : catalogue.Find(region, date) is { } policy ? (policy, date)
            : (catalogue.Find(region, new DateOnly(year, 1, 1)), new DateOnly(year, 1, 1));
    }
}
