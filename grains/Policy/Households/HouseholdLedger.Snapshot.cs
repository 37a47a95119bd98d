using Ledger.Policy.Engine;

namespace Ledger.Policy.Households;

/// <summary>
/// What a snapshot of a household ledger holds: the fold of its journal up to <see cref="Position"/>.
/// Member profiles are not part of it: they are read from where they are registered.
/// </summary>
public sealed record HouseholdLedgerState(
    long Position,
    string RegionCode,
    YearPair<HouseholdYearState> Years,
    IReadOnlyDictionary<string, YearPair<PersonYear>> Members)
{
    /// <summary>The event each open level was reached with (<see cref="HouseholdLedger.OpeningOf"/>).</summary>
    public IReadOnlyList<EntryEvent> Openings { get; init; } = [];

    /// <summary>
    /// Whether the person-years hold what their inpatient stays paid towards their deductibles (false for a
    /// snapshot written before the figure was kept: it would read as nothing paid, so it is rebuilt).
    /// </summary>
    public bool DeductiblesKept { get; init; } = true;
}

public sealed partial class HouseholdLedger
{
    public HouseholdLedgerState Export() =>
        new(Position, RegionCode, _years, _members.ToDictionary(member => member.Key, member => member.Value.Years, StringComparer.Ordinal))
        {
            Openings = Openings,
        };

    /// <summary>
    /// The ledger a snapshot stands for, with the members registered now; null when they are not the
    /// members the snapshot was taken with (someone joined or left since), or when it holds an open level
    /// without its opening (taken before openings were kept), or when it was taken before the deductibles
    /// paid were kept (<see cref="HouseholdLedgerState.DeductiblesKept"/>): the caller rebuilds from the journal.
    /// </summary>
    public static HouseholdLedger? Restore(string householdId, HouseholdLedgerState state, IReadOnlyCollection<MemberProfile> members)
    {
        if (members.Count != state.Members.Count || members.Any(member => !state.Members.ContainsKey(member.PsnNo))
            || !OpeningsCover(householdId, state) || !state.DeductiblesKept)
        {
            return null;
        }
        var ledger = new HouseholdLedger(householdId) { RegionCode = state.RegionCode, Position = state.Position };
        ledger._years = state.Years;
        foreach (var profile in members)
        {
            ledger._members[profile.PsnNo] = new MemberLedger(profile) { Years = state.Members[profile.PsnNo] };
        }
        foreach (var opening in state.Openings)
        {
            ledger.Open(opening);
        }
        return ledger;
    }

    /// <summary>A ledger of the registered members with no money yet: the caller rebuilds it from their journal.</summary>
    public static HouseholdLedger Of(string householdId, IEnumerable<MemberProfile> members)
    {
        var ledger = new HouseholdLedger(householdId);
        if (members.TryGetNonEnumeratedCount(out var count))
        {
            ledger._members.EnsureCapacity(count);
        }
        foreach (var profile in members)
        {
            ledger.Admit(profile);
        }
        return ledger;
    }
}
