using Ledger.Contracts.Persons;
using Ledger.Grains.Persons;

namespace Ledger.Grains.Tests.Persons;

public sealed class RegistrationDigestTests
{
    private static PersonRecord Record() => new()
    {
        PsnNo = new string("P001"), HouseholdId = new string("H1"), RegionCode = new string("350102"), Residence = new string("rural"),
        Insutype = new string("resident"), Identities = [new IdentityRecord(new string("dibao"), new DateOnly(2022, 3, 1), null)],
        PsnNameMasked = new string("张*"), CertnoMasked = new string("350102**********1234"),
        PsnNameHash = new string("k1:name"), CertnoHash = new string("k1:certno"),
    };

    [Fact]
    public void The_same_registration_parsed_twice_has_one_digest() =>
        Assert.Equal(RegistrationDigest.Of(Record()), RegistrationDigest.Of(Record()));

    public static TheoryData<string, PersonRecord> Changes => new()
    {
        { "household_id", Record() with { HouseholdId = "H2" } },
        { "region_code", Record() with { RegionCode = "350103" } },
        { "residence", Record() with { Residence = "urban" } },
        { "insutype", Record() with { Insutype = "employee" } },
        { "identity type", Record() with { Identities = [new IdentityRecord("tekun", new DateOnly(2022, 3, 1), null)] } },
        { "identity begin", Record() with { Identities = [new IdentityRecord("dibao", new DateOnly(2022, 2, 1), null)] } },
        { "identity end", Record() with { Identities = [new IdentityRecord("dibao", new DateOnly(2022, 3, 1), new DateOnly(2022, 12, 31))] } },
        { "identity added", Record() with { Identities = [.. Record().Identities, new IdentityRecord("monitored", new DateOnly(2022, 1, 1), null)] } },
        { "identities gone", Record() with { Identities = [] } },
        { "name", Record() with { PsnNameMasked = "李*", PsnNameHash = "k1:other" } },
        { "name hash only (a rotated key)", Record() with { PsnNameHash = "k2:name" } },
        { "certno", Record() with { CertnoMasked = null, CertnoHash = null } },
        // Field boundaries count: the same characters split differently are another registration.
        { "boundary between fields", Record() with { PsnNo = "P001H", HouseholdId = "1" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_of_a_stored_field_changes_the_digest(string change, PersonRecord changed) =>
        Assert.True(RegistrationDigest.Of(Record()) != RegistrationDigest.Of(changed), $"{change} left the digest as it was");
}
