using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Settlements;
using Ledger.Policy.Domain;

namespace Ledger.Grains.Persons;

/// <summary>Checks a registration before anything is stored; the first problem names its field.</summary>
public static class ProfileValidation
{
    public const int PersonalTextLengthMax = 64;

    public static Rejection? Validate(PersonProfile profile)
    {
        // JSON null reaches here for any field a feed sent as null: refused like any other bad value.
        if (profile.RegionCode is not { Length: 6 } || !profile.RegionCode.All(char.IsAsciiDigit))
        {
            return SettlementInput.Invalid("region_code", "must be a six-digit administrative region code");
        }
        if (profile.HouseholdId is null)
        {
            return SettlementInput.Invalid("household_id", "must be a string (empty for a household of one)");
        }
        if (profile.HouseholdId.Length > 0 && SettlementInput.IdProblem(profile.HouseholdId, "household_id") is { } household)
        {
            return household;
        }
        if (profile.Residence is not ("rural" or "urban"))
        {
            return SettlementInput.Invalid("residence", "must be rural or urban");
        }
        if (profile.Insutype is not ("resident" or "employee"))
        {
            return SettlementInput.Invalid("insutype", "must be resident or employee");
        }
        if ((profile.PsnName?.Length ?? 0) > PersonalTextLengthMax || (profile.Certno?.Length ?? 0) > PersonalTextLengthMax)
        {
            return SettlementInput.Invalid(profile.PsnName?.Length > PersonalTextLengthMax ? "psn_name" : "certno",
                $"must be at most {PersonalTextLengthMax} characters");
        }
        if (profile.Identities is null)
        {
            return SettlementInput.Invalid("identities", "must be a list (empty when the person holds none)");
        }
        if (profile.Identities.Count > Limits.IdentitiesMax)
        {
            return SettlementInput.Invalid("identities", $"must list at most {Limits.IdentitiesMax} periods");
        }
        for (var i = 0; i < profile.Identities.Count; i++)
        {
            var identity = profile.Identities[i];
            if (identity is null)
            {
                return SettlementInput.Invalid($"identities[{i}]", "must be an object with type, begin and end");
            }
            if (!IdentityCodes.TryParse(identity.Type, out _))
            {
                return SettlementInput.Invalid($"identities[{i}].type", $"unknown identity '{Truncated(identity.Type)}' (known: {string.Join(", ", IdentityCodes.Codes)})");
            }
            if (identity.End is { } end && end < identity.Begin)
            {
                return SettlementInput.Invalid($"identities[{i}].end", "must not be before begin");
            }
        }
        return null;
    }

    private static string Truncated(string? text) => text is null ? "null" : text.Length <= 32 ? text : text[..32] + "…";
}
