using Ledger.Policy.Domain;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>Turns one layer of a policy file into the engine's layer, valid at one date.</summary>
internal sealed class LayerReader(ValueReader values, SourcedReader sourced)
{
    /// <summary>The keys each kind reads: any other key on a layer is a mistake, not a silent no-op.</summary>
    private static readonly Dictionary<string, string[]> KeysByKind = new()
    {
        ["basic"] = ["deductible", "ratio", "bonus", "deductible_waived_for", "referral_continues_deductible", "annual_cap"],
        ["critical"] = ["annual_deductible", "brackets", "annual_cap", "tilt", "med_types"],
        ["assistance"] = ["ratios", "annual_limit", "med_types"],
        ["floor"] = ["who", "target", "base", "counts", "paid_by", "med_types"],
        ["supplementary"] = ["name", "ratios", "annual_cap", "med_types"],
        ["burden_cap"] = ["who", "individual_cap", "household_cap"],
    };

    public Layer? Read(LayerDocument layer, string key, DateOnly at)
    {
        if (layer.Kind is { } kind && KeysByKind.TryGetValue(kind, out var allowed))
        {
            foreach (var (name, _) in Present(layer).Where(entry => !allowed.Contains(entry.Name)))
            {
                values.Problem($"{key}.{name}", $"is not read by a '{kind}' layer (it reads: {string.Join(", ", allowed)})");
            }
        }
        return Build(layer, key, at);
    }

    private static IEnumerable<(string Name, object Value)> Present(LayerDocument layer)
    {
        (string, object?)[] all =
        [
            ("name", layer.Name), ("who", layer.Who), ("med_types", layer.MedTypes), ("deductible", layer.Deductible),
            ("ratio", layer.Ratio), ("bonus", layer.Bonus), ("deductible_waived_for", layer.DeductibleWaivedFor),
            ("referral_continues_deductible", layer.ReferralContinuesDeductible),
            ("annual_cap", layer.AnnualCap), ("annual_deductible", layer.AnnualDeductible), ("brackets", layer.Brackets),
            ("tilt", layer.Tilt), ("ratios", layer.Ratios), ("annual_limit", layer.AnnualLimit), ("target", layer.Target),
            ("base", layer.Base), ("counts", layer.Counts), ("paid_by", layer.PaidBy),
            ("individual_cap", layer.IndividualCap), ("household_cap", layer.HouseholdCap),
        ];
        return all.Where(entry => entry.Item2 is not null).Select(entry => (entry.Item1, entry.Item2!));
    }

    private Layer? Build(LayerDocument layer, string key, DateOnly at) => layer.Kind switch
    {
        "basic" => Basic(layer, key, at),
        "critical" => Critical(layer, key, at),
        "assistance" => new AssistanceLayer(Ratios(layer.Ratios, key + ".ratios", at),
            Optional(layer.AnnualLimit, key + ".annual_limit", at), sourced.MedicalTypes(layer.MedTypes, key + ".med_types")),
        "floor" => Floor(layer, key, at),
        "supplementary" => new SupplementaryLayer(Required(layer.Name, key + ".name"), Ratios(layer.Ratios, key + ".ratios", at),
            Optional(layer.AnnualCap, key + ".annual_cap", at), sourced.MedicalTypes(layer.MedTypes, key + ".med_types")),
        "burden_cap" => new BurdenCapLayer(sourced.Who(layer.Who, key + ".who"),
            values.Number(layer.IndividualCap, key + ".individual_cap", "yuan", at),
            values.Number(layer.HouseholdCap, key + ".household_cap", "yuan", at)),
        _ => Unknown(layer.Kind, key),
    };

    private BasicLayer Basic(LayerDocument layer, string key, DateOnly at)
    {
        var deductibles = new decimal[MedicalTypeCodes.Count * 3];
        var ratios = new decimal[MedicalTypeCodes.Count * 3];
        ByTypeAndLevel(layer.Deductible, key + ".deductible", "yuan", at, deductibles);
        if (layer.Ratio is null)
        {
            values.Problem(key + ".ratio", "is missing");
        }
        ByTypeAndLevel(layer.Ratio, key + ".ratio", "ratio", at, ratios);
        var bonuses = (layer.Bonus ?? []).Select((bonus, i) => new BasicBonus(
            sourced.Who(bonus.Who, $"{key}.bonus[{i}].who"),
            bonus.MinLevel is >= 1 and <= 3 ? bonus.MinLevel.Value : LevelProblem($"{key}.bonus[{i}].min_level"),
            sourced.MedicalTypes(bonus.MedTypes, $"{key}.bonus[{i}].med_types"),
            values.Number(bonus.Points, $"{key}.bonus[{i}].points", "points", at) / 100m)).ToArray();
        return new BasicLayer(deductibles, ratios,
            sourced.Relief(layer.DeductibleWaivedFor, key + ".deductible_waived_for"),
            sourced.Relief(layer.ReferralContinuesDeductible, key + ".referral_continues_deductible"),
            bonuses, Optional(layer.AnnualCap, key + ".annual_cap", at));
    }

    private CriticalLayer Critical(LayerDocument layer, string key, DateOnly at)
    {
        var brackets = (layer.Brackets ?? []).Select((bracket, i) => new CriticalBracket(
            i == 0 && bracket.Above is null ? 0m : values.Number(bracket.Above, $"{key}.brackets[{i}].above", "yuan", at),
            values.Number(bracket.Ratio, $"{key}.brackets[{i}].ratio", "ratio", at))).ToArray();
        if (brackets.Length == 0)
        {
            values.Problem(key + ".brackets", "needs at least one bracket");
        }
        for (var i = 1; i < brackets.Length; i++)
        {
            if (brackets[i].Above <= brackets[i - 1].Above)
            {
                values.Problem($"{key}.brackets[{i}].above", "brackets must start at increasing amounts");
            }
        }
        var tilt = layer.Tilt is { } t
            ? new CriticalTilt(sourced.Who(t.Who, key + ".tilt.who"),
                values.Number(t.DeductibleFactor, key + ".tilt.deductible_factor", "ratio", at),
                values.Number(t.Points, key + ".tilt.points", "points", at) / 100m, sourced.Flag(t.NoCap, key + ".tilt.no_cap"))
            : new CriticalTilt(Eligibility.Nobody, 1m, 0m, false);
        return new CriticalLayer(values.Number(layer.AnnualDeductible, key + ".annual_deductible", "yuan", at),
            brackets, Optional(layer.AnnualCap, key + ".annual_cap", at), tilt, sourced.MedicalTypes(layer.MedTypes, key + ".med_types"));
    }

    private FloorLayer Floor(LayerDocument layer, string key, DateOnly at)
    {
        var floorBase = sourced.Choice(layer.Base, key + ".base") switch
        {
            "policy_scope" => FloorBase.PolicyScope,
            "total" => FloorBase.Total,
            _ => Problem(key + ".base", "must be policy_scope or total", FloorBase.PolicyScope),
        };
        var counted = sourced.Payers(layer.Counts, key + ".counts");
        var paidBy = sourced.Choice(layer.PaidBy, key + ".paid_by") switch
        {
            "floor" => Model.Payers.Floor,
            "assistance" => Model.Payers.Assistance,
            _ => Problem(key + ".paid_by", "must be floor (its own line) or assistance (兜底 through 医疗救助)", Model.Payers.Floor),
        };
        return new FloorLayer(sourced.Who(layer.Who, key + ".who"), values.Number(layer.Target, key + ".target", "ratio", at), floorBase,
            sourced.MedicalTypes(layer.MedTypes, key + ".med_types"), counted, paidBy);
    }

    private IdentityRatio[] Ratios(List<IdentityRatioDocument>? ratios, string key, DateOnly at)
    {
        if (ratios is null || ratios.Count == 0)
        {
            values.Problem(key, "needs at least one {who, ratio}");
            return [];
        }
        return ratios.Select((entry, i) => new IdentityRatio(
            sourced.Who(entry.Who, $"{key}[{i}].who"),
            values.Number(entry.Ratio, $"{key}[{i}].ratio", "ratio", at))).ToArray();
    }

    private void ByTypeAndLevel(Dictionary<string, ValueDocument>? byType, string key, string unit, DateOnly at, decimal[] into)
    {
        foreach (var (name, value) in byType ?? [])
        {
            if (!MedicalTypeCodes.TryParseName(name, out var medicalType))
            {
                values.Problem($"{key}.{name}", "unknown medical type (outpatient, chronic, inpatient)");
                continue;
            }
            var levels = values.ByLevel(value, $"{key}.{name}", unit, at);
            for (var level = 1; level <= 3; level++)
            {
                into[BasicLayer.Index(medicalType, level)] = levels[level - 1];
            }
        }
    }

    private decimal? Optional(ValueDocument? value, string key, DateOnly at) =>
        value is null ? null : values.Number(value, key, "yuan", at);

    private string Required(string? text, string key) =>
        string.IsNullOrWhiteSpace(text) ? Problem(key, "is missing", string.Empty) : text;

    private int LevelProblem(string key) => Problem(key, "must be 1, 2 or 3", 1);

    private Layer? Unknown(string? kind, string key) =>
        Problem<Layer?>(key + ".kind", $"unknown layer kind '{kind}' (basic, critical, assistance, floor, supplementary, burden_cap)", null);

    private T Problem<T>(string key, string reason, T fallback)
    {
        values.Problem(key, reason);
        return fallback;
    }
}
