using Ledger.Contracts.Households;

namespace Ledger.Contracts.Persons;

/// <summary>A person as caseworkers see it; name and ID-card number are masked.</summary>
[GenerateSerializer, Immutable, Alias("ledger.person-view")]
public sealed record PersonView
{
    [Id(0)] public string PsnNo { get; init; } = "";
    [Id(1)] public string HouseholdId { get; init; } = "";
    [Id(2)] public string RegionCode { get; init; } = "";
    [Id(3)] public string Residence { get; init; } = "";
    [Id(4)] public string Insutype { get; init; } = "";
    [Id(5)] public IReadOnlyList<IdentityRecord> Identities { get; init; } = [];
    [Id(6)] public int Year { get; init; }
    [Id(7)] public TotalsView Totals { get; init; } = TotalsView.Empty;
    [Id(8)] public IReadOnlyList<ThresholdView> Thresholds { get; init; } = [];
    [Id(9)] public string? PsnName { get; init; }
    [Id(10)] public string? Certno { get; init; }

    /// <summary>On a registration's answer: the settlements its identity change re-adjudicated.</summary>
    [Id(11), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Settlements.AdjustmentView>? Adjustments { get; init; }
}
