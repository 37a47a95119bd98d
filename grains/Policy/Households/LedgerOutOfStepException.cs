namespace Ledger.Policy.Households;

/// <summary>
/// A re-adjudication found the ledger's year totals different from the fold of the journal it read:
/// the ledger missed entries someone else committed (a second activation of its household), or the
/// engine has a fault. Its holder reloads from the journal and plans again; a reloaded ledger that
/// still disagrees is a fault.
/// </summary>
public sealed class LedgerOutOfStepException(string message) : InvalidOperationException(message);
