using Ledger.Grains.Journal;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Policy.Model;

namespace Ledger.Silo.Projections;

/// <summary>
/// The read projections as a pure fold of the journal: what one entry changes, computed from the entry
/// alone (its signed change, its context and the threshold events the engine put in it) and the policy
/// that settled it. No rule is evaluated here a second time: a subject is under monitoring because the
/// engine journaled the level, at the settlement the engine named.
/// </summary>
public static class ProjectionFold
{
    public static List<ProjectionChange> Changes(JournalEntry entry, PolicyCatalogue policies)
    {
        var changes = new List<ProjectionChange>(4 + entry.Events.Count);
        if (entry.IsSettlement && !CarriesEventsOnly(entry))
        {
            Settlement(entry, policies, changes);
        }
        else if (entry.Kind == EntryKind.Adjusted)
        {
            changes.Add(Adjustment(entry));
        }
        else if (entry.Kind == EntryKind.Moved)
        {
            changes.Add(new MemberJoined(entry.PsnNo, entry.HouseholdId, entry.Year));
        }
        else if (entry is { Kind: EntryKind.IdentityChanged, IdentityPeriods: { } periods })
        {
            changes.Add(new PersonIdentitiesChanged(entry.PsnNo, IdentityTimeline.Encode(periods)));
            changes.Add(PersonReclassified.Of(entry, periods, policies));
        }
        foreach (var fired in entry.Events)
        {
            Event(entry, fired, changes);
        }
        return changes;
    }

    private static void Settlement(JournalEntry entry, PolicyCatalogue policies, List<ProjectionChange> changes)
    {
        var totals = entry.Change.Totals;
        var date = ChinaTime.Date(entry.SetlTime);
        var identities = entry.Kind == EntryKind.Reversed ? null : string.Join(' ', IdentityCodes.ToCodes(entry.Context.Identities));
        changes.Add(new PersonMonthAdded(entry.PsnNo, entry.Year, date.Month, entry.HouseholdId, entry.RegionCode, totals.SelfPay, totals.WarmFund,
            entry.LoggedAt, identities, entry.SetlTime, entry.SetlId));
        var policy = policies.Find(entry.RegionCode, date);
        changes.Add(new HouseholdYearAdded(entry.HouseholdId, entry.Year, entry.RegionCode, totals.SelfPay, totals.WarmFund,
            policy?.BurdenCap?.IndividualCap, policy?.BurdenCap?.HouseholdCap));
        changes.Add(SettlementKpiAdded.Of(entry, policy));
        if (entry.Kind == EntryKind.Adjusted)
        {
            changes.Add(Adjustment(entry));
        }
    }

    /// <summary>
    /// An adjustment of no amount (a move's carrier of household levels when it changes no split): it moves
    /// no money, so it does not re-place its settlement either. The projections count a settlement with the
    /// household and month of its latest entry, and a household a move left with no settlement of the year
    /// carries its clearings on the mover's settlement, which may belong to the household joined (or to a
    /// third, after two moves in a year) by then: counted, it would pull the settlement back to the household
    /// left. Its events and its adjustment row stay.
    /// </summary>
    private static bool CarriesEventsOnly(JournalEntry entry) => entry.Kind == EntryKind.Adjusted && entry.Change == default;

    private static AdjustmentRecorded Adjustment(JournalEntry entry)
    {
        var totals = entry.Change.Totals;
        return new AdjustmentRecorded(new AdjustmentRow(entry.Position, entry.RegionCode, entry.SetlId, entry.PsnNo, entry.HouseholdId,
            entry.SetlTime, entry.LoggedAt, EntryEvents.CauseCode(entry.Cause) ?? "", entry.CauseId, totals.Total, totals.Basic, totals.Critical,
            totals.Assistance, totals.Floor, totals.Supplementary, totals.WarmFund, totals.FundPay, totals.SelfPay));
    }

    private static void Event(JournalEntry entry, in EntryEvent fired, List<ProjectionChange> changes)
    {
        if (fired.Kind == EntryEventKind.CapApplied)
        {
            return;
        }
        var year = ChinaTime.Date(fired.At.SetlTime).Year;
        var key = new MonitoringKey(fired.HouseholdSubject ? SubjectTypes.Household : SubjectTypes.Person, fired.SubjectId,
            RuleCodes.ToCode(fired.Rule), year, RuleCodes.ToCode(fired.Level));
        changes.Add(fired.Kind == EntryEventKind.Cleared
            ? new MonitoringClosed(key) { LoggedAt = entry.LoggedAt }
            : new MonitoringOpened(new MonitoringRow(key, entry.HouseholdId, entry.RegionCode, fired.Value, fired.Threshold,
                fired.At.SetlId, fired.At.SetlTime, entry.Position)));
    }
}

public static class SubjectTypes
{
    public const string Person = "person";
    public const string Household = "household";
}

/// <summary>
/// Who the coverage and burden rates are measured over. Where the policy sets work targets over its
/// 困难群众 (its <c>targets</c>: Jinhua's 困难群众医疗费用综合保障率 and 个人负担率, 002 一(二)), those;
/// elsewhere the policy sets no such target and the rates are over persons holding any identity, and
/// the population's name says so.
/// </summary>
public readonly record struct KpiPopulation(string Name, Eligibility? Target)
{
    public const string AnyIdentity = "persons holding any identity (the policy names no 困难群众 target population)";

    public static KpiPopulation Of(PolicyVersion? policy) =>
        policy?.Targets is { } targets
            ? new KpiPopulation(
                $"困难群众 of {policy.PolicyId}: {string.Join(' ', IdentityCodes.ToCodes(targets.Population.AnyOf))}{(targets.Population.RuralOnly ? " (rural)" : "")}",
                targets.Population)
            : new KpiPopulation(AnyIdentity, null);

    public bool Includes(in MemberContext context) =>
        Target is { } target ? target.Holds(context) : context.Identities != Identities.None;
}
