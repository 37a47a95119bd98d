using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Silo.Http;

namespace Ledger.Silo.Wire;

/// <summary>A bulk registration's answer line: registered, unchanged or rejected with the problem.</summary>
public sealed record RegistrationAnswer(string PsnNo, string Status, IReadOnlyList<AdjustmentView> Adjustments, Dictionary<string, object?>? Error)
{
    public static RegistrationAnswer From(RegistrationOutcome outcome) =>
        new(outcome.PsnNo, outcome.Status, outcome.Adjustments, outcome.Error is { } error ? Problems.Body(error) : null);
}
