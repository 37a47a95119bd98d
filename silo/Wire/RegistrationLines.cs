using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Persons;
using Ledger.Grains.Settlements;
using Ledger.Silo.Http;

namespace Ledger.Silo.Wire;

/// <summary>One registration as the endpoint reads it: the person, the profile, or why it is refused.</summary>
public sealed record RegistrationLine(string PsnNo, PersonProfile? Profile, Rejection? Error);

/// <summary>
/// A registration body read into its lines once per request: a scoped key's filter (WriteScopeFilter)
/// reads them to check the regions and leaves them in <see cref="HttpContext.Items"/>, and the endpoint
/// (PersonsApi) takes them from there, so a roll is parsed and validated once, by the endpoint's rules.
/// </summary>
public static class RegistrationLines
{
    /// <summary>
    /// The lines of <paramref name="body"/> (split as <paramref name="lines"/>): for <c>PUT /api/persons/{psnNo}</c>
    /// (<paramref name="routed"/> set) one profile, whose psn_no is the route's (checked by the caller); for a
    /// roll each line a person with its psn_no. Each line is refused as the endpoint refuses it, naming every
    /// field at fault: a malformed psn_no with the profile's bad fields, in one problem.
    /// </summary>
    public static IReadOnlyList<RegistrationLine> Of(HttpContext context, string? routed, byte[] body, IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        if (context.Items[typeof(RegistrationLines)] is Read earlier && ReferenceEquals(earlier.Body, body) && earlier.Routed == routed)
        {
            return earlier.Lines;
        }
        var read = new RegistrationLine[lines.Count];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = routed is null ? Person(lines[i].Span, i + 1) : Profile(routed, lines[i].Span);
        }
        context.Items[typeof(RegistrationLines)] = new Read(body, routed, read);
        return read;
    }

    private static RegistrationLine Profile(string routed, ReadOnlySpan<byte> json)
    {
        var (profile, error) = WireJson.Parse<PersonProfile>(json);
        return new(routed, profile, Joined(SettlementInput.IdProblem(routed, "psn_no"), error ?? ProfileValidation.Validate(profile!)));
    }

    private static RegistrationLine Person(ReadOnlySpan<byte> json, int number)
    {
        var (line, error) = WireJson.Parse<PersonLine>(json, number);
        error ??= line is null ? null : Joined(SettlementInput.IdProblem(line.PsnNo, "psn_no"), ProfileValidation.Validate(line));
        return new(line?.PsnNo ?? "", line?.Alone(), error);
    }

    /// <summary>One 400 naming the fields of both refusals, or null when neither refuses.</summary>
    private static Rejection? Joined(Rejection? id, Rejection? profile) =>
        id is null ? profile : profile is null ? id : Rejection.Invalid([.. id.Fields(), .. profile.Fields()]);

    private sealed record Read(byte[] Body, string? Routed, IReadOnlyList<RegistrationLine> Lines);
}
