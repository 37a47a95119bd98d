using System.Globalization;

namespace Ledger.Policy.Loading;

/// <summary>
/// Validates and resolves the numbers of one policy file at one date. Problems are collected (each
/// once, with file and key) rather than thrown, so one run reports everything wrong with a file.
/// Dated values register their start dates as boundaries: the compiler builds one version per span.
/// </summary>
internal sealed class ValueReader(string file, IReadOnlyDictionary<string, ValueDocument> parameters)
{
    private static readonly HashSet<string> Units = ["yuan", "ratio", "points"];
    private readonly HashSet<string> _problems = [];

    public List<string> Problems { get; } = [];

    public SortedSet<DateOnly> Boundaries { get; } = [];

    public void Problem(string key, string reason)
    {
        var message = $"{file}: {key}: {reason}";
        if (_problems.Add(message))
        {
            Problems.Add(message);
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

    /// <summary>The number at <paramref name="at"/> in the given unit; 0 after reporting a problem.</summary>
    public decimal Number(ValueDocument? value, string key, string unit, DateOnly at)
    {
        if (!Check(value, key, unit) || value!.ByLevel is not null)
        {
            if (value?.ByLevel is not null)
            {
                Problem(key, "expects one value, not by_level");
            }
            return 0m;
        }
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
        var number = value.Dated is { } dated ? DatedNumber(dated, key, at) : value.Value!.Value;
        return InRange(number, key, unit);
    }

    /// <summary>Three numbers, for hospital levels 1, 2 and 3.</summary>
    public decimal[] ByLevel(ValueDocument? value, string key, string unit, DateOnly at)
    {
        if (value?.ByLevel is { } levels)
        {
            Check(value, key, unit);
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

    private bool Check(ValueDocument? value, string key, string unit)
    {
        if (value is null)
        {
            Problem(key, "is missing");
            return false;
        }
        if (value.Unit is null || !Units.Contains(value.Unit))
        {
            Problem(key + ".unit", $"must be one of {string.Join(", ", Units)}");
        }
        else if (value.Unit != unit)
        {
            Problem(key + ".unit", $"is '{value.Unit}' but this key is in {unit}");
        }
        var sources = new object?[] { value.Value, value.ByLevel, value.Dated, value.Of }.Count(source => source is not null);
        if (sources != 1)
        {
            Problem(key, "needs exactly one of value, by_level, dated, of");
            return false;
        }
        var sourced = !string.IsNullOrWhiteSpace(value.Ref) || !string.IsNullOrWhiteSpace(value.Assumed)
            || value.Dated?.All(entry => !string.IsNullOrWhiteSpace(entry.Ref) || !string.IsNullOrWhiteSpace(entry.Assumed)) == true;
        if (!sourced)
        {
            Problem(key, "needs a 'ref' to its seed paragraph or 'assumed' saying why");
        }
        return true;
    }

    private decimal DatedNumber(List<DatedValueDocument> dated, string key, DateOnly at)
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
            previous = from;
            Boundaries.Add(from.Value);
            if (from <= at)
            {
                current = number;
            }
        }
        if (current is null)
        {
            Problem(key + ".dated", $"has no value on {at:yyyy-MM-dd}");
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
