using Ledger.Policy.Domain;
using Ledger.Policy.Households;

namespace Ledger.Policy.Tests.Households;

/// <summary>A household holds at most <see cref="HouseholdLedger.MembersMax"/> members, all of one region.</summary>
public sealed class HouseholdSizeTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static MemberProfile Member(int number, string region = "350102") => new($"P{number}", region, Residence.Rural, []);

    private static HouseholdLedger HouseholdOf(int members) => HouseholdLedger.Of("H1", Enumerable.Range(1, members).Select(number => Member(number)));

    [Fact]
    public void A_full_household_refuses_a_new_member_and_still_takes_its_members_updates()
    {
        var full = HouseholdOf(HouseholdLedger.MembersMax);

        Assert.Equal(new LedgerRefusal(RefusalKind.Conflict, "household_id", "the household already has 32 members"),
            full.PlanMember(Member(HouseholdLedger.MembersMax + 1), Now).Refusal);
        Assert.Null(full.PlanMember(Member(1) with { Residence = Residence.Urban }, Now).Refusal);
        Assert.Null(HouseholdOf(HouseholdLedger.MembersMax - 1).PlanMember(Member(HouseholdLedger.MembersMax), Now).Refusal);
    }

    [Fact]
    public void A_new_member_is_judged_on_region_first_then_size()
    {
        Assert.Equal(HouseholdLedger.AnotherRegion, HouseholdLedger.NewMemberRefusal("350102", HouseholdLedger.MembersMax, "440103")!.Reason);
        Assert.Equal("the household already has 32 members", HouseholdLedger.NewMemberRefusal("350102", HouseholdLedger.MembersMax, "350102")!.Reason);
        Assert.Null(HouseholdLedger.NewMemberRefusal("", 0, "440103"));
        Assert.Null(HouseholdLedger.NewMemberRefusal("350102", HouseholdLedger.MembersMax - 1, "350102"));
    }
}
