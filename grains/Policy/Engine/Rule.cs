namespace Ledger.Policy.Engine;

/// <summary>The monitoring rules of DESIGN §5.</summary>
public enum Rule : byte
{
    ReturnToPovertyRisk = 0,
    ImpoverishmentRisk = 1,
    IndividualCap = 2,
    HouseholdCap = 3,
    AssistanceLimit = 4,
    CriticalDeductibleMet = 5,
    HighCostSettlement = 6,
    CoverageBelowTarget = 7,
}
