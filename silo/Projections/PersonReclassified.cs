using Ledger.Policy.Domain;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;

namespace Ledger.Silo.Projections;

/// <summary>
/// A person's identities (or residence) changed from <see cref="From"/> on: each of the person's standing
/// settlements in <see cref="RegionCode"/> from then is counted in the KPI population its date now has
/// (<see cref="Spans"/>). An identity change that moves no money journals no adjustment, so without this
/// a back-dated 低保 would leave the settlement outside the population it now belongs to.
/// </summary>
public sealed record PersonReclassified(string PsnNo, string RegionCode, DateTimeOffset From, IReadOnlyList<PopulationSpan> Spans) : ProjectionChange
{
    public static PersonReclassified Of(JournalEntry entry, IReadOnlyList<IdentityPeriod> periods, PolicyCatalogue policies)
    {
        var from = ChinaTime.Date(entry.SetlTime);
        var profile = new MemberProfile(entry.PsnNo, entry.RegionCode, entry.Context.Residence, [.. periods]);
        // The population can change only where an identity period or what governs the region does.
        var starts = periods.SelectMany(period => period.End is { } end && end < DateOnly.MaxValue ? [period.Begin, end.AddDays(1)] : new[] { period.Begin })
            .Concat(policies.Boundaries(entry.RegionCode)).Where(date => date > from).Append(from).Distinct().Order().ToList();
        var spans = new List<PopulationSpan>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var population = KpiPopulation.Of(policies.Find(entry.RegionCode, starts[i]));
            var name = population.Includes(profile.On(starts[i])) ? population.Name : null;
            if (spans.Count > 0 && spans[^1].Population == name)
            {
                continue;
            }
            spans.Add(new PopulationSpan(Midnight(starts[i]), name));
        }
        return new PersonReclassified(entry.PsnNo, entry.RegionCode, entry.SetlTime, spans);
    }

    /// <summary>The population of a settlement at <paramref name="setlTime"/> (on or after <see cref="From"/>), null when none.</summary>
    public string? PopulationAt(DateTimeOffset setlTime) => Spans.Last(span => span.From <= setlTime).Population;

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
}

/// <summary>From <see cref="From"/> until the next span's start, settlements are of <see cref="Population"/> (null: none).</summary>
public readonly record struct PopulationSpan(DateTimeOffset From, string? Population);
