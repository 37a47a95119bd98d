using Ledger.Policy.Households;
using Ledger.Policy.Model;

namespace Ledger.Silo.Projections;

/// <summary>
/// One settlement's KPI amounts moved by an entry of it. A settlement is counted once, with all its
/// amounts, in the population of its latest context: an entry that re-adjudicates it (<see cref="Classifies"/>)
/// says where it now belongs (<see cref="Population"/>, null when outside every KPI population), and the
/// stores move the settlement's whole sums there. A reversal carries the context the settlement was
/// recorded with, not its latest, so it leaves the settlement where it is.
/// </summary>
public sealed record SettlementKpiAdded(
    string SetlId, string PsnNo, string HouseholdId, string RegionCode, int Year, bool Classifies, string? Population,
    int SettlementCount, decimal MedfeeSumamt, decimal FundPaySumamt, decimal PsnPartAmt) : ProjectionChange
{
    /// <summary>The settlement's time: which population a later identity change puts it in (<see cref="PersonReclassified"/>).</summary>
    public DateTimeOffset SetlTime { get; init; }

    public static SettlementKpiAdded Of(JournalEntry entry, PolicyVersion? policy)
    {
        var totals = entry.Change.Totals;
        var classifies = entry.Kind != EntryKind.Reversed;
        var population = KpiPopulation.Of(policy);
        return new SettlementKpiAdded(entry.SetlId, entry.PsnNo, entry.HouseholdId, entry.RegionCode, entry.Year, classifies,
            classifies && population.Includes(entry.Context) ? population.Name : null,
            totals.SettlementCount, totals.Total, totals.FundPay, totals.SelfPay) { SetlTime = entry.SetlTime };
    }

    /// <summary>This move and a later one of the same settlement as one: amounts add, the later classification wins.</summary>
    public SettlementKpiAdded Then(SettlementKpiAdded later) => (later.Classifies ? later : this) with
    {
        Classifies = Classifies || later.Classifies, SettlementCount = SettlementCount + later.SettlementCount,
        MedfeeSumamt = MedfeeSumamt + later.MedfeeSumamt, FundPaySumamt = FundPaySumamt + later.FundPaySumamt, PsnPartAmt = PsnPartAmt + later.PsnPartAmt,
    };
}

/// <summary>
/// A settlement's KPI standing: its sums so far and the population it is counted in (null: none). It is
/// of its population while it stands (<see cref="Counts"/>: recorded and not reversed).
/// </summary>
public sealed record KpiSettlement(
    string PsnNo, string HouseholdId, string RegionCode, int Year, string? Population, long SettlementCount, decimal MedfeeSumamt,
    decimal FundPaySumamt, decimal PsnPartAmt)
{
    public bool Counts => Population is not null && SettlementCount > 0;

    /// <summary>The settlement's time (the embedded store's; the PostgreSQL store reads it from the journal).</summary>
    public DateTimeOffset SetlTime { get; init; }

    public static KpiSettlement Apply(KpiSettlement? stored, SettlementKpiAdded added) => stored is null
        ? new KpiSettlement(added.PsnNo, added.HouseholdId, added.RegionCode, added.Year, added.Population, added.SettlementCount,
            added.MedfeeSumamt, added.FundPaySumamt, added.PsnPartAmt) { SetlTime = added.SetlTime }
        : stored with
        {
            PsnNo = added.Classifies ? added.PsnNo : stored.PsnNo, HouseholdId = added.Classifies ? added.HouseholdId : stored.HouseholdId,
            RegionCode = added.Classifies ? added.RegionCode : stored.RegionCode, Population = added.Classifies ? added.Population : stored.Population,
            SettlementCount = stored.SettlementCount + added.SettlementCount, MedfeeSumamt = stored.MedfeeSumamt + added.MedfeeSumamt,
            FundPaySumamt = stored.FundPaySumamt + added.FundPaySumamt, PsnPartAmt = stored.PsnPartAmt + added.PsnPartAmt,
        };
}
