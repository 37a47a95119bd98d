using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Policy.Domain;

namespace Ledger.Grains.Persons;

/// <summary>Checks a registration before anything is stored, naming every field at fault.</summary>
public static class ProfileValidation
{
    public const int PersonalTextLengthMax = 64;

    public static Rejection? Validate(PersonProfile profile)
    {
        List<FieldReason>? problems = null;
        void Add(string field, string reason) => (problems ??= []).Add(new(field, reason));

        // JSON null reaches here for any field a feed sent as null: refused like any other bad value.
        if (profile.RegionCode is not { Length: 6 } || !profile.RegionCode.All(char.IsAsciiDigit))
        {
            Add("region_code", "must be a six-digit administrative region code");
        }
        if (profile.HouseholdId is null)
        {
            Add("household_id", "must be a string (empty for a household of one)");
        }
        else if (profile.HouseholdId.Length > 0 && WireLimits.IdProblem(profile.HouseholdId) is { } household)
        {
            Add("household_id", household);
        }
        if (profile.Residence is not ("rural" or "urban"))
        {
            Add("residence", "must be rural or urban");
        }
        if (profile.Insutype is not ("resident" or "employee"))
        {
            Add("insutype", "must be resident or employee");
        }
        if (profile.PsnName?.Length > PersonalTextLengthMax)
        {
            Add("psn_name", $"must be at most {PersonalTextLengthMax} characters");
        }
        if (profile.Certno?.Length > PersonalTextLengthMax)
        {
            Add("certno", $"must be at most {PersonalTextLengthMax} characters");
        }
        if (profile.Identities is null)
        {
            Add("identities", "must be a list (empty when the person holds none)");
        }
        else if (profile.Identities.Count > Limits.IdentitiesMax)
        {
            Add("identities", $"must list at most {Limits.IdentitiesMax} periods");
        }
        else
        {
            for (var i = 0; i < profile.Identities.Count; i++)
            {
                var identity = profile.Identities[i];
                if (identity is null)
                {
                    Add($"identities[{i}]", "must be an object with type, begin and end");
                    continue;
                }
                if (!IdentityCodes.TryParse(identity.Type, out _))
                {
                    Add($"identities[{i}].type", $"unknown identity '{Truncated(identity.Type)}' (known: {string.Join(", ", IdentityCodes.Codes)})");
                }
                if (identity.End is { } end && end < identity.Begin)
                {
                    Add($"identities[{i}].end", "must not be before begin");
                }
            }
        }
        return problems is null ? null : Rejection.Invalid(problems);
    }

    private static string Truncated(string? text) => text is null ? "null" : text.Length <= 32 ? text : text[..32] + "…";
}
