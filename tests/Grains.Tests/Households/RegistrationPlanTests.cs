using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Households;
using Ledger.Grains.Persons;
using Ledger.Policy.Domain;
using Ledger.Policy.Households;

namespace Ledger.Grains.Tests.Households;

/// <summary>A roll counts its own earlier lines: the household's refusals are the ledger's, with the size the roll leaves.</summary>
public sealed class RegistrationPlanTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static PersonRecord Person(string psnNo, string region = "350102") => new()
    {
        PsnNo = psnNo, HouseholdId = "H1", RegionCode = region, Residence = "rural", Insutype = "resident", Identities = [],
    };

    [Fact]
    public void A_roll_that_fills_the_household_refuses_the_line_past_it_with_the_ledgers_reason()
    {
        var ledger = HouseholdLedger.Of("H1", Enumerable.Range(1, HouseholdLedger.MembersMax - 1).Select(n => new MemberProfile($"P{n}", "350102", Residence.Rural, [])));

        var plan = RegistrationPlan.Of(ledger, new Dictionary<string, RegistrationDigest>(), [Person("P-last"), Person("P-over")], Now);

        Assert.Equal(["P-last"], plan.Written.Select(written => written.Person.PsnNo));
        Assert.Equal((RegistrationStatus.Rejected, RejectionCode.Conflict, "household_id", "the household already has 32 members"),
            (plan.Outcomes[1].Status, plan.Outcomes[1].Error!.Code, plan.Outcomes[1].Error!.Field, plan.Outcomes[1].Error!.Reason));
    }

    [Fact]
    public void A_roll_into_an_empty_household_takes_the_region_of_its_first_line()
    {
        var plan = RegistrationPlan.Of(HouseholdLedger.Of("H1", []), new Dictionary<string, RegistrationDigest>(), [Person("P1"), Person("P2", "440103")], Now);

        Assert.Equal(["P1"], plan.Written.Select(written => written.Person.PsnNo));
        Assert.Equal(HouseholdLedger.AnotherRegion, plan.Outcomes[1].Error!.Reason);
    }
}
