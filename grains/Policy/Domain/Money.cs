namespace Ledger.Policy.Domain;

/// <summary>Money rules: decimal yuan, every layer rounded to the fen, halves away from zero.</summary>
public static class Money
{
    /// <summary>The largest amount one settlement may carry: far above any real hospital bill.</summary>
    public const decimal SettlementAmountMax = 100_000_000m;

    public static decimal Round(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoDecimals(decimal yuan) => decimal.Round(yuan, 2) == yuan;

    public static decimal NotNegative(decimal yuan) => yuan < 0m ? 0m : yuan;
}
