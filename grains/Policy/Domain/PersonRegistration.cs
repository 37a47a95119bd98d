using Ledger.Shared;

namespace Ledger.Policy.Domain;

/// <summary>
/// The rules of a person's registration (the body of <c>PUT /api/persons/{psn_no}</c>, a line of
/// <c>POST /api/persons</c>), defined once: the silo refuses a registration that breaks them (400 naming
/// every field at fault) and <c>ledger what-if</c> leaves such a line of a persons file out. The psn_no
/// is each caller's: the silo's comes from the route or the line.
/// </summary>
public static class PersonRegistration
{
    /// <summary>Characters of a name or an ID-card number as sent.</summary>
    public const int PersonalTextLengthMax = 64;

    /// <summary>Identity periods per person.</summary>
    public const int IdentitiesMax = 32;

    /// <summary>A person with no known household is a household of one, named after the person.</summary>
    public static string HouseholdOf(string psnNo, string? householdId) =>
        string.IsNullOrEmpty(householdId) ? "solo-" + psnNo : householdId;

    /// <summary>
    /// Every field at fault with its reason, or null when the registration is valid. JSON null reaches here
    /// for any field a feed sent as null: refused like any other bad value. <paramref name="period"/> reads
    /// an identity as sent (type, begin, end).
    /// </summary>
    public static List<(string Field, string Reason)>? Problems<TIdentity>(
        string? regionCode, string? householdId, string? residence, string? insutype, string? psnName, string? certno,
        IReadOnlyList<TIdentity?>? identities, Func<TIdentity, (string? Type, DateOnly Begin, DateOnly? End)> period)
        where TIdentity : class
    {
        List<(string, string)>? problems = null;
        void Add(string field, string reason) => (problems ??= []).Add((field, reason));

        if (regionCode is not { Length: 6 } || !regionCode.All(char.IsAsciiDigit))
        {
            Add("region_code", "must be a six-digit administrative region code");
        }
        if (householdId is null)
        {
            Add("household_id", "must be a string (empty for a household of one)");
        }
        else if (householdId.Length > 0 && WireLimits.IdProblem(householdId) is { } household)
        {
            Add("household_id", household);
        }
        if (residence is not ("rural" or "urban"))
        {
            Add("residence", "must be rural or urban");
        }
        if (insutype is not ("resident" or "employee"))
        {
            Add("insutype", "must be resident or employee");
        }
        if (psnName?.Length > PersonalTextLengthMax)
        {
            Add("psn_name", $"must be at most {PersonalTextLengthMax} characters");
        }
        if (certno?.Length > PersonalTextLengthMax)
        {
            Add("certno", $"must be at most {PersonalTextLengthMax} characters");
        }
        if (identities is null)
        {
            Add("identities", "must be a list (empty when the person holds none)");
        }
        else if (identities.Count > IdentitiesMax)
        {
            Add("identities", $"must list at most {IdentitiesMax} periods");
        }
        else
        {
            for (var i = 0; i < identities.Count; i++)
            {
                if (identities[i] is not { } identity)
                {
                    Add($"identities[{i}]", "must be an object with type, begin and end");
                    continue;
                }
                var (type, begin, end) = period(identity);
                if (!IdentityCodes.TryParse(type, out _))
                {
                    Add($"identities[{i}].type", $"unknown identity '{Truncated(type)}' (known: {string.Join(", ", IdentityCodes.Codes)})");
                }
                if (end < begin)
                {
                    Add($"identities[{i}].end", "must not be before begin");
                }
            }
        }
        return problems;
    }

    private static string Truncated(string? text) => text is null ? "null" : text.Length <= 32 ? text : text[..32] + "…";
}
