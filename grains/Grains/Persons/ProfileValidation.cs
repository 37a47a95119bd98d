using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Policy.Domain;

namespace Ledger.Grains.Persons;

/// <summary>Checks a registration before anything is stored, naming every field at fault (the rules: <see cref="PersonRegistration"/>).</summary>
public static class ProfileValidation
{
    public static Rejection? Validate(PersonProfile profile) =>
        PersonRegistration.Problems(profile.RegionCode, profile.HouseholdId, profile.Residence, profile.Insutype, profile.PsnName,
            profile.Certno, profile.Identities, identity => (identity.Type, identity.Begin, identity.End)) is { } problems
            ? Rejection.Invalid([.. problems.Select(problem => new FieldReason(problem.Field, problem.Reason))])
            : null;
}
