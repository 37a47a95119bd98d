using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Grains.Households;

/// <summary>
/// A household ledger's snapshot, as grain storage keeps it: the fold of the journal up to
/// <see cref="Position"/>. A cache: written now and then and when the household is let go, never on
/// the acknowledgement path; activation folds the journal's tail onto it, or rebuilds without it.
/// </summary>
[GenerateSerializer, Alias("ledger.household-snapshot")]
public sealed class HouseholdSnapshot
{
    [Id(0)] public long Position { get; set; }
    [Id(1)] public string RegionCode { get; set; } = "";
    [Id(2)] public List<HouseholdYearSnapshot> Years { get; set; } = [];
    [Id(3)] public List<MemberYearsSnapshot> Members { get; set; } = [];

    /// <summary>The event each open level was reached with; a snapshot written before these were kept has none (and is rebuilt).</summary>
    [Id(4)] public List<EntryEvent> Openings { get; set; } = [];

    /// <summary>Set on every snapshot written now; false on one written before the deductibles paid were kept (and so rebuilt).</summary>
    [Id(5)] public bool DeductiblesKept { get; set; }

    public static HouseholdSnapshot Of(HouseholdLedgerState state) => new()
    {
        Position = state.Position,
        RegionCode = state.RegionCode,
        Years = [.. state.Years.Entries().Select(year => new HouseholdYearSnapshot(year.Year, year.Value.Year, year.Value.Last.SetlTime, year.Value.Last.SetlId))],
        Members = [.. state.Members.Select(member => new MemberYearsSnapshot(member.Key, [.. member.Value.Entries().Select(year => new PersonYearSnapshot(year.Year, year.Value))]))],
        Openings = [.. state.Openings],
        DeductiblesKept = state.DeductiblesKept,
    };

    public HouseholdLedgerState ToState()
    {
        var years = new YearPair<HouseholdYearState>();
        foreach (var year in Years)
        {
            years.Set(year.Year, new HouseholdYearState(year.Household, new SettlementKey(year.LastSetlTime, year.LastSetlId)));
        }
        var members = new Dictionary<string, YearPair<PersonYear>>(StringComparer.Ordinal);
        foreach (var member in Members)
        {
            var memberYears = new YearPair<PersonYear>();
            foreach (var year in member.Years)
            {
                memberYears.Set(year.Year, year.Person);
            }
            members[member.PsnNo] = memberYears;
        }
        return new HouseholdLedgerState(Position, RegionCode, years, members) { Openings = Openings ?? [], DeductiblesKept = DeductiblesKept };
    }
}

[GenerateSerializer, Alias("ledger.household-year-snapshot")]
public sealed record HouseholdYearSnapshot(
    [property: Id(0)] int Year,
    [property: Id(1)] HouseholdYear Household,
    [property: Id(2)] DateTimeOffset LastSetlTime,
    [property: Id(3)] string LastSetlId);

[GenerateSerializer, Alias("ledger.member-years-snapshot")]
public sealed record MemberYearsSnapshot([property: Id(0)] string PsnNo, [property: Id(1)] List<PersonYearSnapshot> Years);

[GenerateSerializer, Alias("ledger.person-year-snapshot")]
public sealed record PersonYearSnapshot([property: Id(0)] int Year, [property: Id(1)] PersonYear Person);
