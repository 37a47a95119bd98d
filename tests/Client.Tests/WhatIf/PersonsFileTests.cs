using System.Text;
using Ledger.Client.WhatIf.Input;

namespace Ledger.Client.Tests.WhatIf;

/// <summary>A persons line left out names the fields at fault, never their values (they may be personal data).</summary>
public sealed class PersonsFileTests
{
    [Theory]
    [InlineData("""{"psn_no":"P1","region_code":"350102","insutype":"farmer","household_id":"GH1 x"}""", "persons: a line the API would refuse (household_id, insutype)")]
    [InlineData("""{"psn_no":"P1","region_code":"350102","identities":[{"type":"tekun","begin":"2021-01-01","end":null},{"type":"x","begin":"2021-01-01","end":"2020-01-01"}]}""",
        "persons: a line the API would refuse (identities[].type, identities[].end)")]
    [InlineData("""{"psn_no":"","region_code":"35","psn_name":"张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张"}""",
        "persons: a line the API would refuse (psn_no, region_code, psn_name)")]
    [InlineData("""{"psn_no":"P1","region_code":"350102","residence":1}""", "persons: a line that is no registration's JSON (malformed, a wrong type or a field the API does not know)")]
    public void A_line_left_out_is_counted_by_the_fields_at_fault(string line, string reason)
    {
        var (person, leftOut) = PersonsFile.Read(Encoding.UTF8.GetBytes(line));

        Assert.Null(person);
        Assert.Equal(reason, leftOut);
    }

    [Fact]
    public void A_line_without_a_household_is_a_household_of_one()
    {
        var (person, leftOut) = PersonsFile.Read("""{"psn_no":"P1","region_code":"350102","household_id":""}"""u8);

        Assert.Null(leftOut);
        Assert.Equal(("solo-P1", Ledger.Policy.Domain.Residence.Rural, 0), (person!.HouseholdId, person.Profile.Residence, person.Profile.Identities.Length));
    }
}
