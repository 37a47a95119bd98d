using System.Globalization;
using System.Text.Json;
using Ledger.Client.Simulation;
using Ledger.Client.Wire;

namespace Ledger.Client.Tests.Simulation;

public sealed class SyntheticRegionTests
{
    private static readonly SimulationSettings Small = new() { RegionCode = "350102", Households = 300, Settlements = 5_000, Year = 2024, Seed = 7 };

    private static List<string> Render(SyntheticRegion region) =>
        region.Persons.Select(person => JsonSerializer.Serialize(person, ClientJson.Options))
            .Concat(region.Settlements().Select(settlement => JsonSerializer.Serialize(settlement, ClientJson.Options)))
            .ToList();

    [Fact]
    public void Same_seed_makes_the_identical_region()
    {
        var first = Render(new SyntheticRegion(Small));
        var second = Render(new SyntheticRegion(Small));

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_settlement_is_written_in_the_wire_order_who_and_when_first_then_the_claim()
    {
        var settings = new SimulationSettings { RegionCode = "350102", Households = 50, Settlements = 400, Year = 2023, Seed = 5 };

        var first = JsonSerializer.Serialize(new SyntheticRegion(settings).Settlements().First(), ClientJson.Options);

        Assert.Equal("""
            {"setl_id":"S350102-5-2023-000000001","psn_no":"P350102-5-000005-3","mdtrt_id":"T350102-5-2023-000000001","setl_time":"2023-01-01T17:55:45","med_type":"11","hosp_lv":1,"medfee_sumamt":339.69,"inscp_scp_amt":295.10,"fulamt_ownpay_amt":36.15,"overlmt_selfpay":0.00,"preselfpay_amt":8.44,"hifp_pay":null,"hifmi_pay":null,"maf_pay":null}
            """, first);
    }

    [Fact]
    public void Every_person_carries_a_name_and_an_id_card_number_of_the_region_with_a_valid_check_digit()
    {
        var persons = new SyntheticRegion(Small).Persons;

        Assert.All(persons, person =>
        {
            Assert.InRange(person.PsnName!.Length, 2, 3);
            Assert.Matches("^350102(19[4-9][0-9]|20[01][0-9])[0-9]{4}[0-9]{3}[0-9X]$", person.Certno);
            Assert.Equal(SyntheticPersonalData.CheckDigit(person.Certno![..17]), person.Certno[17]);
        });
        // GB 11643's own example: 11010519491231002 has check digit X.
        Assert.Equal('X', SyntheticPersonalData.CheckDigit("11010519491231002"));
        Assert.True(persons.Select(person => person.Certno).Distinct().Count() > persons.Count * 0.99, "ID-card numbers should be (nearly) unique");
    }

    [Fact]
    public void Enumerating_the_settlements_twice_gives_the_same_stream()
    {
        var region = new SyntheticRegion(Small);

        Assert.Equal(region.Settlements().Take(500).ToList(), region.Settlements().Take(500).ToList());
    }

    [Fact]
    public void Different_seeds_make_different_regions()
    {
        var first = new SyntheticRegion(Small);
        var second = new SyntheticRegion(Small with { Seed = 8 });

        var amountsFirst = first.Settlements().Select(s => (s.MedType, s.MedfeeSumamt)).ToList();
        var amountsSecond = second.Settlements().Select(s => (s.MedType, s.MedfeeSumamt)).ToList();
        Assert.NotEqual(amountsFirst, amountsSecond);
        Assert.NotEqual(first.Persons.Select(p => p.Identities.Count), second.Persons.Select(p => p.Identities.Count));
        // Ids carry the seed, so two seeds never overwrite each other's people on one server.
        Assert.Empty(first.Persons.Select(p => p.PsnNo).Intersect(second.Persons.Select(p => p.PsnNo)));
    }

    [Fact]
    public void More_settlements_do_not_change_the_population()
    {
        var few = new SyntheticRegion(Small with { Settlements = 10 });
        var many = new SyntheticRegion(Small with { Settlements = 20_000 });

        Assert.Equal(few.Persons, many.Persons, PersonComparer.Instance);
    }

    [Fact]
    public void Every_settlement_meets_the_national_amount_rule_in_two_decimals()
    {
        foreach (var settlement in new SyntheticRegion(Small).Settlements())
        {
            decimal[] amounts = [settlement.MedfeeSumamt, settlement.InscpScpAmt, settlement.FulamtOwnpayAmt, settlement.OverlmtSelfpay, settlement.PreselfpayAmt];
            Assert.Equal(settlement.MedfeeSumamt, settlement.InscpScpAmt + settlement.FulamtOwnpayAmt + settlement.OverlmtSelfpay + settlement.PreselfpayAmt);
            Assert.All(amounts, amount => Assert.True(amount >= 0, $"{settlement.SetlId}: negative amount {amount}"));
            Assert.All(amounts, amount => Assert.Equal(2, amount.Scale));
            Assert.True(settlement.MedfeeSumamt > 0, $"{settlement.SetlId}: empty bill");
            Assert.Null(settlement.HifpPay);
        }
    }

    [Fact]
    public void Amounts_are_written_with_two_decimals_on_the_wire()
    {
        var settlement = new SyntheticRegion(Small).Settlements().First();
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(settlement, ClientJson.Options));

        var written = json.RootElement.GetProperty("overlmt_selfpay").GetRawText();
        Assert.Matches(@"^\d+\.\d\d$", written);
        Assert.Matches(@"^\d+\.\d\d$", json.RootElement.GetProperty("medfee_sumamt").GetRawText());
    }

    [Fact]
    public void Mix_is_realistic_small_outpatient_bills_and_a_long_inpatient_tail()
    {
        var settlements = new SyntheticRegion(Small with { Settlements = 20_000 }).Settlements().ToList();

        var byType = settlements.GroupBy(s => s.MedType).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["11", "14", "21"], byType.Keys.Order());
        Assert.True(byType["11"].Count > byType["14"].Count && byType["14"].Count > byType["21"].Count, "outpatient > chronic > inpatient");
        Assert.True(Median(byType["11"]) < Median(byType["14"]) && Median(byType["14"]) < Median(byType["21"]), "outpatient < chronic < inpatient");
        // Thresholds are in the tens of thousands (Fujian rural income 23 229): the tail must reach them.
        Assert.Contains(byType["21"], s => s.MedfeeSumamt > 50_000m);
        Assert.All(settlements, s => Assert.InRange(s.HospLv, 1, 3));
    }

    [Fact]
    public void Households_have_one_to_five_members_and_a_mix_of_identities()
    {
        var region = new SyntheticRegion(Small with { Households = 2_000 });

        var sizes = region.Persons.GroupBy(p => p.HouseholdId).Select(g => g.Count()).ToList();
        Assert.Equal(2_000, sizes.Count);
        Assert.All(sizes, size => Assert.InRange(size, 1, SimulationSettings.MembersPerHouseholdMax));
        Assert.Equal([1, 2, 3, 4, 5], sizes.Distinct().Order());
        var identities = region.Persons.SelectMany(p => p.Identities).Select(i => i.Type).ToHashSet();
        Assert.Superset(new HashSet<string> { "poverty_alleviated", "dibao", "extreme_poverty", "monitored", "dibao_marginal" }, identities);
        var withNone = region.Persons.Count(p => p.Identities.Count == 0);
        Assert.True(withNone > region.Persons.Count / 2, $"most people hold no identity ({withNone} of {region.Persons.Count})");
        Assert.Contains(region.Persons, p => p.Identities.Any(i => i.Begin.Year == 2024 && i.Begin > new DateOnly(2024, 1, 1)));
        Assert.Equal(["rural", "urban"], region.Persons.Select(p => p.Residence).Distinct().Order());
        // Members of a household share its identity periods (extreme poverty excepted: one person).
        foreach (var household in region.Persons.GroupBy(p => p.HouseholdId))
        {
            var held = household.Where(p => p.Identities.Count > 0).Select(p => JsonSerializer.Serialize(p.Identities, ClientJson.Options)).Distinct();
            Assert.True(held.Count() <= 1, $"{household.Key}: members hold different identity periods");
        }
    }

    [Fact]
    public void Years_before_2021_use_the_registered_poor_identity()
    {
        var gansu = new SyntheticRegion(new SimulationSettings { RegionCode = "620102", Households = 500, Settlements = 0, Year = 2019 });

        var types = gansu.Persons.SelectMany(p => p.Identities).Select(i => i.Type).ToHashSet();
        Assert.Contains("registered_poor", types);
        Assert.DoesNotContain("poverty_alleviated", types);
    }

    [Fact]
    public void Settlements_rise_through_the_year_and_stop_at_the_last_day()
    {
        var lastDay = new DateOnly(2024, 3, 31);
        var settlements = new SyntheticRegion(Small with { LastDay = lastDay }).Settlements().ToList();

        var times = settlements.Select(s => DateTime.ParseExact(s.SetlTime, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[0] >= new DateTime(2024, 1, 1) && times[^1] < lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue));
        Assert.All(times, time => Assert.InRange(time.Hour, 8, 19));
        Assert.Equal(settlements.Count, settlements.Select(s => s.SetlId).Distinct().Count());
        var persons = new SyntheticRegion(Small).Persons.Select(p => p.PsnNo).ToHashSet();
        Assert.All(settlements, s => Assert.Contains(s.PsnNo, persons));
    }

    [Fact]
    public void Ids_stay_within_the_API_length_limit()
    {
        var region = new SyntheticRegion(new SimulationSettings { Households = SimulationSettings.HouseholdsMax / 1000, Settlements = 10, Seed = long.MaxValue });

        Assert.All(region.Persons, p => Assert.True(p.PsnNo.Length <= 64 && p.HouseholdId.Length <= 64, p.PsnNo));
        Assert.All(region.Settlements(), s => Assert.True(s.SetlId.Length <= 64, s.SetlId));
    }

    [Theory]
    [InlineData("3501", 10, 10)]
    [InlineData("350102", 0, 10)]
    [InlineData("350102", 10, -1)]
    public void Bad_settings_are_refused_naming_the_option(string region, int households, int count)
    {
        var settings = new SimulationSettings { RegionCode = region, Households = households, Settlements = count };

        var exception = Assert.Throws<ArgumentException>(() => new SyntheticRegion(settings));
        Assert.Matches("--region|--households|--count", exception.Message);
    }

    private static decimal Median(List<SettlementLine> settlements) =>
        settlements.Select(s => s.MedfeeSumamt).Order().ElementAt(settlements.Count / 2);

    private sealed class PersonComparer : IEqualityComparer<PersonLine>
    {
        public static readonly PersonComparer Instance = new();

        public bool Equals(PersonLine? x, PersonLine? y) =>
            JsonSerializer.Serialize(x, ClientJson.Options) == JsonSerializer.Serialize(y, ClientJson.Options);

        public int GetHashCode(PersonLine obj) => obj.PsnNo.GetHashCode(StringComparison.Ordinal);
    }
}
