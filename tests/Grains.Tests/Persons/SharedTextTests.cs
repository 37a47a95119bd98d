using Ledger.Contracts.Persons;
using Ledger.Grains.Persons;

namespace Ledger.Grains.Tests.Persons;

public sealed class SharedTextTests
{
    [Fact]
    public void Two_profiles_from_two_request_bodies_share_their_vocabulary_and_keep_their_values()
    {
        // new string(...) stands for two request bodies, each parsed into its own strings.
        static PersonProfile Parsed() => new()
        {
            RegionCode = new string("350102"), HouseholdId = new string("H1"), Residence = new string("urban"), Insutype = new string("employee"),
            Identities = [new IdentityRecord(new string("dibao"), new DateOnly(2022, 1, 1), null)],
        };
        var (first, second) = (SharedText.Of(Parsed()), SharedText.Of(Parsed()));

        Assert.Equal(("350102", "urban", "employee", "dibao"), (first.RegionCode, first.Residence, first.Insutype, first.Identities[0].Type));
        Assert.Same(first.RegionCode, second.RegionCode);
        Assert.Same(first.Residence, second.Residence);
        Assert.Same(first.Insutype, second.Insutype);
        Assert.Same(first.Identities[0].Type, second.Identities[0].Type);
        Assert.Equal(new DateOnly(2022, 1, 1), second.Identities[0].Begin);
    }
}
