using System.Globalization;

namespace Ledger.Policy.Loading;

/// <summary>
/// Validates and resolves the numbers of one policy file at one date and for one region. Problems are
/// collected (each once, with file and key) rather than thrown, so one run reports everything wrong
/// with a file. Dated values register their start dates as boundaries: the compiler builds one
/// version per span. A "last year's" figure (<c>per_year</c>) missing for the year, or a by-region
/// figure missing for the region, is not a problem of the file but a gap: it is listed in
/// <see cref="Missing"/> and the compiler turns the span into a refusal.
/// </summary>
internal sealed class ValueReader(string file, IReadOnlyDictionary<string, ValueDocument> parameters)
{
    private static readonly HashSet<string> Units = ["yuan", "ratio", "points"];
    private readonly HashSet<string> _problems = [];

    public List<string> Problems { get; } = [];

    public SortedSet<DateOnly> Boundaries { get; } = [];

    /// <summary>The region-code prefix the values are read for (by-region values pick the longest key it starts with).</summary>
    public string Region { get; set; } = "";

    /// <summary>The gaps met since <see cref="BeginVersion"/>: each a key and, for per-year gaps, "per year".</summary>
    public SortedSet<MissingValue> Missing { get; } = [];

    public void BeginVersion(string region)
    {
        Region = region;
        Missing.Clear();
    }

    public void Problem(string key, string reason)
    {
        var message = $"{file}: {key}: {reason}";
        if (_problems.Add(message))
        {
            Problems.Add(message);
        }
    }

    /// <summary>Every rule of a policy file names its source: a seed paragraph, or why it is assumed.</summary>
    public void RequireSource(SourcedDocument document, string key)
    {
        if (!document.HasSource())
        {
            Problem(key, "needs a 'ref' to its seed paragraph or 'assumed' saying why");
        }
    }

    public DateOnly? Date(string? text, string key)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Problem(key, text is null ? "is missing" : $"'{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    /// <summary>The number at <paramref name="at"/> in the given unit; 0 after reporting a problem or a gap.</summary>
    public decimal Number(ValueDocument? value, string key, string unit, DateOnly at) => Number(value, key, unit, at, perYear: false);

    private decimal Number(ValueDocument? value, string key, string unit, DateOnly at, bool perYear, string? inheritedUnit = null)
    {
        if (!Check(value, key, unit, perYear, inheritedUnit) || value!.ByLevel is not null)
        {
            if (value?.ByLevel is not null)
            {
                Problem(key, "expects one value, not by_level");
            }
            return 0m;
        }
        perYear |= value.PerYear == true;
        if (value.Of is { } parameter)
        {
            if (!parameters.TryGetValue(parameter, out var referenced))
            {
                Problem(key + ".of", $"unknown parameter '{parameter}'");
                return 0m;
            }
            if (value.Factor is not { } factor || factor < 0m)
            {
                Problem(key + ".factor", "must be given with 'of' and be at least 0");
                return 0m;
            }
            return Number(referenced, "parameters." + parameter, referenced.Unit ?? unit, at) * factor;
        }
        if (value.ByRegion is { } byRegion)
        {
            return RegionNumber(byRegion, key, unit, at, perYear);
        }
        var number = value.Dated is { } dated ? DatedNumber(dated, key, at, perYear) : value.Value!.Value;
        return InRange(number, key, unit);
    }

    /// <summary>Three numbers, for hospital levels 1, 2 and 3.</summary>
    public decimal[] ByLevel(ValueDocument? value, string key, string unit, DateOnly at)
    {
        if (value?.ByLevel is { } levels)
        {
            Check(value, key, unit, perYear: false, inheritedUnit: null);
            if (levels.Count != 3)
            {
                Problem(key + ".by_level", "needs exactly three numbers (hospital levels 1, 2, 3)");
                return [0m, 0m, 0m];
            }
            return levels.Select(level => InRange(level, key + ".by_level", unit)).ToArray();
        }
        var single = Number(value, key, unit, at);
        return [single, single, single];
    }

    /// <summary>
    /// Every entry is read (so each is validated and registers its dates); the one for the region is
    /// returned: the longest key the region starts with. Only that entry's gaps are the region's.
    /// </summary>
    private decimal RegionNumber(Dictionary<string, ValueDocument> byRegion, string key, string unit, DateOnly at, bool perYear)
    {
        string? chosen = null;
        var number = 0m;
        MissingValue[] chosenGaps = [];
        foreach (var (prefix, entry) in byRegion)
        {
            var entryKey = $"{key}.by_region.{prefix}";
            if (prefix.Length is < 2 or > 6 || !prefix.All(char.IsAsciiDigit))
            {
                Problem(entryKey, "is not a region-code prefix (2–6 digits)");
                continue;
            }
            var before = Missing.ToHashSet();
            var entryNumber = Number(entry, entryKey, unit, at, perYear, inheritedUnit: unit);
            var gaps = Missing.Where(gap => !before.Contains(gap)).ToArray();
            Missing.ExceptWith(gaps);
            if (Region.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > (chosen?.Length ?? 0))
            {
                (chosen, number, chosenGaps) = (prefix, entryNumber, gaps);
            }
        }
        Missing.UnionWith(chosenGaps);
        if (chosen is null)
        {
            Missing.Add(new MissingValue(key, $"has no value for region {Region}", PerYear: false));
        }
        return number;
    }

    /// <summary>Unit, exactly one source of the number, and a reference or assumption; false when unusable.</summary>
    private bool Check(ValueDocument? value, string key, string unit, bool perYear, string? inheritedUnit)
    {
        if (value is null)
        {
            Problem(key, "is missing");
            return false;
        }
        var valueUnit = value.Unit ?? inheritedUnit;
        if (valueUnit is null || !Units.Contains(valueUnit))
        {
            Problem(key + ".unit", $"must be one of {string.Join(", ", Units)}");
        }
        else if (valueUnit != unit)
        {
            Problem(key + ".unit", $"is '{valueUnit}' but this key is in {unit}");
        }
        var sources = new object?[] { value.Value, value.ByLevel, value.Dated, value.Of, value.ByRegion }.Count(source => source is not null);
        if (sources != 1)
        {
            Problem(key, "needs exactly one of value, by_level, dated, by_region, of");
            return false;
        }
        if ((perYear || value.PerYear == true) && value.Dated is null && value.ByRegion is null && value.Of is null)
        {
            Problem(key, "is a per_year figure: it needs dated values, one per year");
            return false;
        }
        // A by-region value is sourced entry by entry; a dated one may be sourced as a whole or per entry.
        var sourced = value.ByRegion is not null || value.HasSource() || value.Dated?.All(entry => entry.HasSource()) == true;
        if (!sourced)
        {
            Problem(key, "needs a 'ref' to its seed paragraph or 'assumed' saying why");
        }
        return true;
    }

    private decimal DatedNumber(List<DatedValueDocument> dated, string key, DateOnly at, bool perYear)
    {
        DateOnly? previous = null;
        decimal? current = null;
        for (var i = 0; i < dated.Count; i++)
        {
            var from = Date(dated[i].From, $"{key}.dated[{i}].from");
            if (from is null || dated[i].Value is not { } number)
            {
                if (dated[i].Value is null)
                {
                    Problem($"{key}.dated[{i}].value", "is missing");
                }
                continue;
            }
            if (previous is { } before && from <= before)
            {
                Problem($"{key}.dated[{i}].from", $"{from:yyyy-MM-dd} overlaps the entry before it ({before:yyyy-MM-dd}); dates must increase");
            }
            if (perYear && (from.Value.Month, from.Value.Day) != (1, 1))
            {
                Problem($"{key}.dated[{i}].from", $"{from:yyyy-MM-dd}: a per_year figure holds for a calendar year, so it starts on 1 January");
            }
            previous = from;
            Boundaries.Add(from.Value);
            if (perYear)
            {
                Boundaries.Add(from.Value.AddYears(1));
            }
            var holds = perYear ? from.Value.Year == at.Year : from <= at;
            if (holds)
            {
                current = number;
            }
        }
        if (current is null)
        {
            if (perYear)
            {
                Missing.Add(new MissingValue(key, "has no value for the year", PerYear: true));
            }
            else
            {
                Problem(key + ".dated", $"has no value on {at:yyyy-MM-dd}");
            }
            return 0m;
        }
        return current.Value;
    }

    private decimal InRange(decimal number, string key, string unit)
    {
        var ok = unit switch
        {
            "ratio" => number is >= 0m and <= 1m,
            "points" => number is >= 0m and <= 100m,
            _ => number >= 0m,
        };
        if (!ok)
        {
            Problem(key, unit == "yuan" ? $"{number} is negative" : $"{number} is outside {(unit == "ratio" ? "0–1" : "0–100 points")}");
        }
        return number;
    }
}

/// <summary>A value a policy lacks for a date or region: the key, and whether it is a per-year (上年) figure.</summary>
internal readonly record struct MissingValue(string Key, string Reason, bool PerYear) : IComparable<MissingValue>
{
    public int CompareTo(MissingValue other) => string.CompareOrdinal($"{Key} {Reason}", $"{other.Key} {other.Reason}");
}
