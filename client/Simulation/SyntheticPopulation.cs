using Ledger.Client.Wire;

namespace Ledger.Client.Simulation;

/// <summary>
/// Households of one to five members with a rural/urban mix and the identity mix of a poor county:
/// most people hold none; some are poverty-alleviated, dibao, extreme-poverty, monitored or marginal,
/// most since before the year, some from a date inside it. Ids carry the seed, so two seeds make two
/// populations that do not overwrite each other on one server.
/// </summary>
internal static class SyntheticPopulation
{
    // Cumulative odds of 1..5 members.
    private static readonly double[] MemberCountOdds = [0.15, 0.40, 0.65, 0.85, 1.00];

    public static IReadOnlyList<PersonLine> Generate(SimulationSettings settings, DeterministicRandom random)
    {
        var persons = new List<PersonLine>(settings.Households * 3);
        for (var household = 1; household <= settings.Households; household++)
        {
            var householdId = $"H{settings.RegionCode}-{settings.Seed}-{household:D6}";
            var rural = random.Chance(0.6);
            var members = random.NextWeighted(MemberCountOdds) + 1;
            // Identities are recognised per household (dibao, alleviation), so members share the periods.
            var identity = DrawIdentity(settings, random, rural);
            IReadOnlyList<IdentityLine> periods = identity is null ? [] : Periods(settings, random, identity);
            for (var member = 1; member <= members; member++)
            {
                // Extreme poverty is a one-person status (特困供养); the rest of the household holds none.
                IReadOnlyList<IdentityLine> held = identity is "extreme_poverty" && member > 1 ? [] : periods;
                var (name, certno) = SyntheticPersonalData.For(settings, household, member);
                persons.Add(new PersonLine(
                    PsnNo: $"P{settings.RegionCode}-{settings.Seed}-{household:D6}-{member}",
                    RegionCode: settings.RegionCode,
                    HouseholdId: householdId,
                    Residence: rural ? "rural" : "urban",
                    Insutype: random.Chance(rural ? 0.92 : 0.55) ? "resident" : "employee",
                    Identities: held,
                    PsnName: name,
                    Certno: certno));
            }
        }
        return persons;
    }

    private static string? DrawIdentity(SimulationSettings settings, DeterministicRandom random, bool rural)
    {
        var roll = random.NextDouble();
        var alleviated = settings.Year <= 2020 ? "registered_poor" : "poverty_alleviated";
        var hardship = settings.RegionCode.StartsWith("3307", StringComparison.Ordinal) ? "expenditure_hardship" : "dibao_marginal";
        (double Odds, string Identity)[] mix = rural
            ? [(0.18, alleviated), (0.06, "monitored"), (0.07, "dibao"), (0.04, "dibao_marginal"), (0.02, "extreme_poverty"), (0.02, hardship)]
            : [(0.02, "monitored"), (0.06, "dibao"), (0.04, "dibao_marginal"), (0.01, "extreme_poverty"), (0.02, hardship)];
        foreach (var (odds, identity) in mix)
        {
            if (roll < odds)
            {
                return identity;
            }
            roll -= odds;
        }
        return null;
    }

    private static IReadOnlyList<IdentityLine> Periods(SimulationSettings settings, DeterministicRandom random, string identity)
    {
        var yearDays = settings.EffectiveLastDay.DayNumber - settings.FirstDay.DayNumber + 1;
        var begin = random.Chance(0.75)
            ? new DateOnly(settings.Year - 1 - random.NextInt(4), 1, 1)
            : settings.FirstDay.AddDays(random.NextInt(yearDays));
        DateOnly? end = null;
        if (random.Chance(0.05) && begin.Year < settings.Year)
        {
            end = settings.FirstDay.AddDays(random.NextInt(yearDays));
        }
        IdentityLine period = new(identity, begin, end);
        // Some alleviated households are also under relapse monitoring.
        if (identity is "poverty_alleviated" or "registered_poor" && random.Chance(0.2))
        {
            return [period, new IdentityLine("monitored", settings.FirstDay.AddDays(random.NextInt(yearDays)), null)];
        }
        return [period];
    }
}
