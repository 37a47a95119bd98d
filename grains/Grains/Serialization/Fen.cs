namespace Ledger.Grains.Serialization;

/// <summary>
/// Money in stored state as whole fen (long). Orleans writes a decimal as 16 fixed bytes and a long
/// as a variable-length integer, so a settlement's split takes about a quarter of the room; every
/// amount is already rounded to the fen, and one that is not is a programmer error.
/// </summary>
internal static class Fen
{
    public static long From(decimal yuan)
    {
        var fen = yuan * 100m;
        return fen == decimal.Truncate(fen)
            ? (long)fen
            : throw new InvalidOperationException($"{yuan} yuan is not a whole number of fen");
    }

    /// <summary>Back to yuan with two decimals, as amounts are written on the wire; zero stays the default 0.</summary>
    public static decimal ToYuan(long fen)
    {
        if (fen == 0)
        {
            return 0m;
        }
        var magnitude = (ulong)Math.Abs(fen);
        return new decimal((int)(magnitude & 0xFFFF_FFFF), (int)(magnitude >> 32), 0, fen < 0, 2);
    }
}
