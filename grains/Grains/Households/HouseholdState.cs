using Ledger.Contracts.Events;
using Ledger.Contracts.Households;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Households;

/// <summary>
/// Everything a household grain persists, written whole in one write per settlement. Bounded by
/// <see cref="Limits"/>: members, years, reversible settlements, fingerprints and outbox.
/// </summary>
[GenerateSerializer, Alias("ledger.household-state")]
public sealed class HouseholdState
{
    [Id(0)] public string RegionCode { get; set; } = "";
    [Id(1)] public Dictionary<string, MemberState> Members { get; set; } = [];
    // [Id(2)] was a Dictionary<int, HouseholdYear>, before the ledger_grain_state table.
    [Id(6)] public YearSlots<HouseholdYear> Years { get; set; } = new();

    /// <summary>Recent settlements, oldest first, with the split a reversal takes back.</summary>
    [Id(3)] public List<SettlementRecord> Reversible { get; set; } = [];

    /// <summary>Fingerprints of settlement ids that left <see cref="Reversible"/>, oldest first.</summary>
    [Id(4)] public List<ulong> SeenIds { get; set; } = [];

    /// <summary>Events written with the state change that caused them, until published.</summary>
    [Id(5)] public List<LedgerEvent> Outbox { get; set; } = [];
}

[GenerateSerializer, Alias("ledger.member-state")]
public sealed class MemberState
{
    [Id(0)] public MemberSnapshot Snapshot { get; set; } = new("", "", "rural", []);
    // [Id(1)] was a Dictionary<int, PersonYear>, before the ledger_grain_state table.
    [Id(2)] public YearSlots<PersonYear> Years { get; set; } = new();
}

/// <summary>A recorded settlement: enough to answer a retry and to reverse it exactly.</summary>
[GenerateSerializer, Alias("ledger.settlement-record")]
public sealed class SettlementRecord
{
    [Id(0)] public string SetlId { get; set; } = "";
    [Id(1)] public string PsnNo { get; set; } = "";
    [Id(2)] public int Year { get; set; }
    [Id(3)] public DateOnly Date { get; set; }
    [Id(4)] public string PolicyId { get; set; } = "";
    [Id(5)] public string RegionCode { get; set; } = "";
    [Id(6)] public Split Split { get; set; }
    [Id(7)] public MemberContext Member { get; set; }
    [Id(8)] public bool Reversed { get; set; }
}
