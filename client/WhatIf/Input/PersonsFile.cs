using System.Text.Json;
using Ledger.Client.Wire;
using Ledger.Policy.Domain;
using Ledger.Policy.Households;

namespace Ledger.Client.WhatIf.Input;

/// <summary>A registered person as the replay needs it: the household and the profile the ledger computes with.</summary>
public sealed record PersonRecord(string HouseholdId, MemberProfile Profile);

/// <summary>The registered persons, each with an index the stored settlements name it by.</summary>
public sealed class PersonTable
{
    private readonly PersonRecord[] _records;
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PersonTable(IReadOnlyDictionary<string, PersonRecord> persons)
    {
        _records = [.. persons.Values];
        _index = new Dictionary<string, int>(_records.Length, StringComparer.Ordinal);
        for (var i = 0; i < _records.Length; i++)
        {
            _index.Add(_records[i].Profile.PsnNo, i);
        }
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _records.Length;

    public PersonRecord this[int index] => _records[index];

    /// <summary>The index of a registered psn_no, -1 for one not registered.</summary>
    public int IndexOf(ReadOnlySpan<char> psnNo) => _lookup.TryGetValue(psnNo, out var index) ? index : -1;
}

/// <summary>
/// Reads a persons file (the NDJSON of <c>POST /api/persons</c>: one PUT body plus <c>psn_no</c> per
/// line). A later line for the same psn_no replaces the earlier one, as a PUT does. Lines the API would
/// refuse are left out and counted; their settlements then count as settlements of an unknown person.
/// </summary>
public static class PersonsFile
{
    /// <summary>As the silo reads a registration: a field it does not know refuses the line.</summary>
    private static readonly JsonSerializerOptions Strict = new(ClientJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public static async Task<Dictionary<string, PersonRecord>> ReadAsync(string path, InputTally tally, CancellationToken cancellationToken)
    {
        var blocks = await NdjsonBlocks.ReadAsync(path, () => new List<(PersonRecord? Person, string? LeftOut)>(), (block, line) => block.Add(Read(line)), null, cancellationToken);
        var persons = new Dictionary<string, PersonRecord>(blocks.Sum(block => block.Count), StringComparer.Ordinal);
        foreach (var (person, leftOut) in blocks.SelectMany(block => block))
        {
            if (person is not null)
            {
                persons[person.Profile.PsnNo] = person;
            }
            else
            {
                tally.Skip(leftOut!);
            }
        }
        return persons;
    }

    /// <summary>
    /// The person of one line, or why it is left out: a fixed phrase naming the fields at fault (never
    /// their values, which may be personal data), the fields of the API's rule (<see cref="PersonRegistration"/>).
    /// </summary>
    internal static (PersonRecord? Person, string? LeftOut) Read(ReadOnlySpan<byte> line)
    {
        PersonLine? person;
        try
        {
            person = JsonSerializer.Deserialize<PersonLine>(line, Strict);
        }
        catch (JsonException)
        {
            person = null;
        }
        if (person is null)
        {
            return (null, "persons: a line that is no registration's JSON (malformed, a wrong type or a field the API does not know)");
        }
        // The psn_no is read with the what-if's id rule, as the settlements that name it are (SettlementJson).
        var badPsnNo = SettlementJson.IdProblem(person.PsnNo, "psn_no") is not null;
        var problems = PersonRegistration.Problems(person.RegionCode, person.HouseholdId, person.Residence, person.Insutype,
            person.PsnName, person.Certno, person.Identities, identity => (identity.Type, identity.Begin, identity.End));
        if (badPsnNo || problems is not null)
        {
            IEnumerable<string> fields = [.. badPsnNo ? ["psn_no"] : Array.Empty<string>(), .. problems?.Select(problem => WithoutIndex(problem.Field)) ?? []];
            return (null, $"persons: a line the API would refuse ({string.Join(", ", fields.Distinct())})");
        }
        var periods = new IdentityPeriod[person.Identities.Count];
        for (var i = 0; i < periods.Length; i++)
        {
            var identity = person.Identities[i];
            periods[i] = new IdentityPeriod(IdentityCodes.TryParse(identity.Type, out var parsed) ? parsed : throw new InvalidOperationException("identity not validated"),
                identity.Begin, identity.End);
        }
        var residence = person.Residence == "urban" ? Residence.Urban : Residence.Rural;
        return (new PersonRecord(PersonRegistration.HouseholdOf(person.PsnNo, person.HouseholdId),
            new MemberProfile(person.PsnNo, person.RegionCode, residence, periods)), null);
    }

    /// <summary>The field without an identity's index (identities[3].type: identities[].type): lines are counted by field, not by position.</summary>
    private static string WithoutIndex(string field) =>
        field.IndexOf('[', StringComparison.Ordinal) is var open and >= 0 ? field[..(open + 1)] + field[field.IndexOf(']', open)..] : field;
}
