using Ledger.Policy.Domain;
using Ledger.Policy.Households;

namespace Ledger.Grains;

/// <summary>Every bound the grains keep, named so tests can check how they relate.</summary>
public static class Limits
{
    /// <summary>Members one household holds.</summary>
    public const int MembersMax = HouseholdLedger.MembersMax;

    /// <summary>Years each household keeps in memory: this one and the last (the journal keeps every year).</summary>
    public const int YearsRetainedMax = HouseholdLedger.YearsRetained;

    /// <summary>Identity periods per person.</summary>
    public const int IdentitiesMax = PersonRegistration.IdentitiesMax;

    /// <summary>Length of ids (setl_id, psn_no, household_id, mdtrt_id).</summary>
    public const int IdLengthMax = WireLimits.IdLengthMax;

    /// <summary>Settlements before 2015 predate every policy here; far-future dates are typos.</summary>
    public static readonly DateOnly SettlementDateMin = new(2015, 1, 1);

    public static readonly TimeSpan SettlementFutureToleranceMax = TimeSpan.FromDays(1);
}
