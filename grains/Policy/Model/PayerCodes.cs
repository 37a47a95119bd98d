namespace Ledger.Policy.Model;

public static class PayerCodes
{
    private static readonly (string Code, Payers Payer)[] All =
    [
        ("basic", Payers.Basic), ("critical", Payers.Critical), ("assistance", Payers.Assistance),
        ("floor", Payers.Floor), ("supplementary", Payers.Supplementary),
    ];

    public static IEnumerable<string> Codes => All.Select(entry => entry.Code);

    public static bool TryParse(string? code, out Payers payer)
    {
        foreach (var (candidate, value) in All)
        {
            if (string.Equals(candidate, code, StringComparison.Ordinal))
            {
                payer = value;
                return true;
            }
        }
        payer = Payers.None;
        return false;
    }
}
