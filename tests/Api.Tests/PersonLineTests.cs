using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Silo.Wire;

namespace Ledger.Api.Tests;

/// <summary>A line of a roll (POST /api/persons) is the PUT body plus psn_no: the same fields, the same defaults.</summary>
public sealed class PersonLineTests
{
    /// <summary>The fields a request may carry: every property the wire JSON maps and does not ignore.</summary>
    private static IEnumerable<string> WireFields(Type type) =>
        LedgerJson.Options.GetTypeInfo(type).Properties
            .Where(property => property.AttributeProvider?.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: true) != true)
            .Select(property => property.Name).Order(StringComparer.Ordinal);

    [Fact]
    public void A_roll_line_has_every_field_of_the_PUT_body_and_the_psn_no()
    {
        Assert.Equal(WireFields(typeof(PersonProfile)).Append("psn_no").Order(StringComparer.Ordinal), WireFields(typeof(PersonLine)));
        Assert.Equal(["certno", "household_id", "identities", "insutype", "psn_name", "region_code", "residence"], WireFields(typeof(PersonProfile)));
    }

    [Fact]
    public void A_field_a_roll_line_leaves_out_takes_the_PUT_bodys_default_and_grains_get_a_profile_alone()
    {
        var line = JsonSerializer.Deserialize<PersonLine>("""{"psn_no":"P1","region_code":"350102"}""", LedgerJson.Options)!;
        var body = JsonSerializer.Deserialize<PersonProfile>("""{"region_code":"350102"}""", LedgerJson.Options)!;

        Assert.IsType<PersonProfile>(line.Alone(), exactMatch: true);
        Assert.Equal(JsonSerializer.Serialize(body, LedgerJson.Options), JsonSerializer.Serialize(line.Alone(), LedgerJson.Options));
        Assert.Equal(("", "rural", "resident", 0), (line.Alone().HouseholdId, line.Alone().Residence, line.Alone().Insutype, line.Alone().Identities.Count));
    }

    [Theory]
    [InlineData("nickname", true)]
    [InlineData("profile", true)]
    [InlineData("psn_name_hash", false)] // never on the wire: ignored, the silo computes it
    public void A_field_is_refused_or_ignored_alike_by_a_roll_line_and_a_PUT_body(string field, bool refused)
    {
        var body = $$"""{"region_code":"350102","{{field}}":"x"}""";
        var line = $$"""{"psn_no":"P1","region_code":"350102","{{field}}":"x"}""";

        Assert.Equal(refused, Refused(() => JsonSerializer.Deserialize<PersonProfile>(body, LedgerJson.Options)));
        Assert.Equal(refused, Refused(() => JsonSerializer.Deserialize<PersonLine>(line, LedgerJson.Options)));
    }

    private static bool Refused(Func<object?> read)
    {
        try
        {
            read();
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
