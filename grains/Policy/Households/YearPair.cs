namespace Ledger.Policy.Households;

/// <summary>
/// The years a ledger keeps in memory, newer first, in two inline slots: a member
/// holds its years without a collection of its own. Setting a year newer than both drops the older; a year older than both is
/// not kept.
/// </summary>
public struct YearPair<T> where T : struct
{
    public int NewerYear;
    public T Newer;
    public int OlderYear;
    public T Older;

    public readonly bool Contains(int year) => year != 0 && (year == NewerYear || year == OlderYear);

    public readonly T Get(int year) => year == 0 ? default : year == NewerYear ? Newer : year == OlderYear ? Older : default;

    /// <summary>The kept years and their values, newer first.</summary>
    public readonly IEnumerable<(int Year, T Value)> Entries()
    {
        if (NewerYear != 0)
        {
            yield return (NewerYear, Newer);
        }
        if (OlderYear != 0)
        {
            yield return (OlderYear, Older);
        }
    }

    public void Set(int year, T value)
    {
        if (year == NewerYear)
        {
            Newer = value;
        }
        else if (year == OlderYear)
        {
            Older = value;
        }
        else if (year > NewerYear)
        {
            (OlderYear, Older) = (NewerYear, Newer);
            (NewerYear, Newer) = (year, value);
        }
        else if (year > OlderYear)
        {
            (OlderYear, Older) = (year, value);
        }
    }

    /// <summary>Drops every year the <paramref name="kept"/> pair does not hold.</summary>
    public void KeepOnly<TOther>(in YearPair<TOther> kept) where TOther : struct
    {
        if (!kept.Contains(OlderYear))
        {
            (OlderYear, Older) = (0, default);
        }
        if (!kept.Contains(NewerYear))
        {
            (NewerYear, Newer) = (OlderYear, Older);
            (OlderYear, Older) = (0, default);
        }
    }
}
