using Ledger.Policy.Domain;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>
/// Reads the parts of a policy file that are not numbers but are rules all the same: who a rule is
/// for, which medical types or payers it is limited to, a choice, a yes/no. Each must name its source
/// (a seed paragraph in <c>ref</c>, or <c>assumed</c> with the reason), as numbers must.
/// </summary>
internal sealed class SourcedReader(ValueReader values)
{
    /// <summary>A layer's or rule's population: at least one identity, a source, and no hospital condition.</summary>
    public Eligibility Who(WhoDocument? who, string key) => Eligible(who, key, required: true, allowHospital: false).Eligibility;

    /// <summary>
    /// A monitoring rule's population: none given means everyone (a rule for all residents); given, it
    /// needs a source like any other.
    /// </summary>
    public (Identities AnyOf, bool RuralOnly) MonitoredWho(WhoDocument? who, string key)
    {
        if (who is null)
        {
            return (Identities.None, false);
        }
        var (eligibility, _) = Eligible(who, key, required: false, allowHospital: false);
        return (eligibility.AnyOf, eligibility.RuralOnly);
    }

    private (Eligibility Eligibility, string? HospitalWithin) Eligible(WhoDocument? who, string key, bool required, bool allowHospital)
    {
        if (who is null)
        {
            values.Problem(key, "is missing (who the rule is for: any_of identities, with ref or assumed)");
            return (Eligibility.Nobody, null);
        }
        values.RequireSource(who, key);
        if (required && (who.AnyOf is null || who.AnyOf.Count == 0))
        {
            values.Problem(key + ".any_of", "needs at least one identity");
        }
        var set = Identities.None;
        foreach (var code in who.AnyOf ?? [])
        {
            if (IdentityCodes.TryParse(code, out var identity))
            {
                set |= identity;
            }
            else
            {
                values.Problem(key + ".any_of", $"unknown identity '{code}' (known: {string.Join(", ", IdentityCodes.Codes)})");
            }
        }
        if (who.Residence is not (null or "rural"))
        {
            values.Problem(key + ".residence", "may only be 'rural'");
        }
        if (who.HospitalWithin is { } within && (!allowHospital || within.Length is < 2 or > 6 || !within.All(char.IsAsciiDigit)))
        {
            values.Problem(key + ".hospital_within", allowHospital
                ? $"'{within}' is not a region-code prefix (2–6 digits)"
                : "only a deductible relief can be limited to where the hospital is");
        }
        return (new Eligibility(set, who.Residence == "rural"), who.HospitalWithin);
    }

    public DeductibleRelief? Relief(WhoDocument? who, string key)
    {
        if (who is null)
        {
            return null;
        }
        var (eligibility, within) = Eligible(who, key, required: true, allowHospital: true);
        return new DeductibleRelief(eligibility, within);
    }

    /// <summary>
    /// The medical types a rule reaches. Required, as a number is: a layer that quietly reached every
    /// type would pay general outpatient bills on no source (a rule's reach is a rule too).
    /// </summary>
    public MedicalTypes MedicalTypes(OnlyDocument? list, string key)
    {
        if (list is null)
        {
            values.Problem(key, "is missing (the medical types the rule reaches: only [outpatient, chronic, inpatient], with ref or assumed)");
            return Model.MedicalTypes.All;
        }
        values.RequireSource(list, key);
        var types = new List<MedicalType>();
        foreach (var name in list.Only ?? [])
        {
            if (MedicalTypeCodes.TryParseName(name, out var type))
            {
                types.Add(type);
            }
            else
            {
                values.Problem(key + ".only", $"unknown medical type '{name}' (outpatient, chronic, inpatient)");
            }
        }
        if (types.Count == 0)
        {
            values.Problem(key + ".only", "needs at least one medical type");
        }
        return Model.MedicalTypes.Of(types);
    }

    public Payers Payers(OnlyDocument? list, string key)
    {
        if (list is null)
        {
            values.Problem(key, "is missing (the payers whose share the target is measured on, with ref or assumed)");
            return Model.Payers.None;
        }
        values.RequireSource(list, key);
        var payers = Model.Payers.None;
        foreach (var code in list.Only ?? [])
        {
            if (PayerCodes.TryParse(code, out var payer))
            {
                payers |= payer;
            }
            else
            {
                values.Problem(key + ".only", $"unknown payer '{code}' (known: {string.Join(", ", PayerCodes.Codes)})");
            }
        }
        if (payers == Model.Payers.None)
        {
            values.Problem(key + ".only", "needs at least one payer");
        }
        return payers;
    }

    public string? Choice(ChoiceDocument? choice, string key)
    {
        if (choice is null)
        {
            values.Problem(key, "is missing");
            return null;
        }
        values.RequireSource(choice, key);
        return choice.Value;
    }

    public bool Flag(FlagDocument? flag, string key)
    {
        if (flag is null)
        {
            return false;
        }
        values.RequireSource(flag, key);
        if (flag.Value is null)
        {
            values.Problem(key + ".value", "is missing (true or false)");
        }
        return flag.Value == true;
    }
}
