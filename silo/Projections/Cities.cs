namespace Ledger.Silo.Projections;

/// <summary>The 设区市 (prefecture-level city) of a region code: its first four digits.</summary>
public static class Cities
{
    public const int CodeLength = 4;

    public static string Of(string regionCode) => regionCode.Length >= CodeLength ? regionCode[..CodeLength] : regionCode;
}
