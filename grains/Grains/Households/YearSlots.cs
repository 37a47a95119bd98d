using System.Text.Json.Serialization;

namespace Ledger.Grains.Households;

/// <summary>
/// The years a ledger keeps — this one and the last (<see cref="Limits.YearsRetainedMax"/>) — in two
/// inline slots, newer first. A dictionary per member cost about 700 bytes of arrays and buckets for
/// one or two entries, in every active household: the largest single item on the heap. Setting a year
/// newer than both drops the older; a year older than both is not kept (the ledger holds two years).
/// </summary>
[GenerateSerializer, Alias("ledger.year-slots")]
public sealed class YearSlots<T> where T : struct
{
    public const int SlotCount = 2;

    [Id(0)] public int NewerYear { get; set; }
    [Id(1)] public T Newer { get; set; }
    [Id(2)] public int OlderYear { get; set; }
    [Id(3)] public T Older { get; set; }

    [JsonIgnore]
    public int Count => (NewerYear != 0 ? 1 : 0) + (OlderYear != 0 ? 1 : 0);

    [JsonIgnore]
    public IEnumerable<int> Years => Entries.Select(entry => entry.Year);

    /// <summary>The kept years and their values, newer first.</summary>
    [JsonIgnore]
    public IEnumerable<(int Year, T Value)> Entries
    {
        get
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
    }

    public bool Contains(int year) => year != 0 && (year == NewerYear || year == OlderYear);

    public T GetValueOrDefault(int year) => year == 0 ? default : year == NewerYear ? Newer : year == OlderYear ? Older : default;

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

    public void Remove(int year)
    {
        if (year == 0)
        {
            return;
        }
        if (year == NewerYear)
        {
            (NewerYear, Newer) = (OlderYear, Older);
            (OlderYear, Older) = (0, default);
        }
        else if (year == OlderYear)
        {
            (OlderYear, Older) = (0, default);
        }
    }
}
