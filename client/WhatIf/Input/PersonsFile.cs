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
    public static async Task<Dictionary<string, PersonRecord>> ReadAsync(string path, InputTally tally, CancellationToken cancellationToken)
    {
        var blocks = await NdjsonBlocks.ReadAsync(path, () => new List<PersonRecord?>(), (block, line) => block.Add(Read(line)), null, cancellationToken);
        var persons = new Dictionary<string, PersonRecord>(blocks.Sum(block => block.Count), StringComparer.Ordinal);
        foreach (var person in blocks.SelectMany(block => block))
        {
            if (person is not null)
            {
                persons[person.Profile.PsnNo] = person;
            }
            else
            {
                tally.Skip("persons: a line the API would refuse (psn_no, region_code, residence or identities)");
            }
        }
        return persons;
    }

    internal static PersonRecord? Read(ReadOnlySpan<byte> line)
    {
        PersonLine? person;
        try
        {
            person = JsonSerializer.Deserialize<PersonLine>(line, ClientJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        if (person is null || SettlementJson.IdProblem(person.PsnNo, "psn_no") is not null
            || person.RegionCode is not { Length: 6 } || !person.RegionCode.All(char.IsAsciiDigit)
            || person.Residence is not ("rural" or "urban") || person.Identities is null)
        {
            return null;
        }
        var periods = new List<IdentityPeriod>(person.Identities.Count);
        foreach (var identity in person.Identities)
        {
            if (identity is null || !IdentityCodes.TryParse(identity.Type, out var parsed) || identity.End < identity.Begin)
            {
                return null;
            }
            periods.Add(new IdentityPeriod(parsed, identity.Begin, identity.End));
        }
        // A person with no household is a household of one (the person grain names it so).
        var householdId = string.IsNullOrEmpty(person.HouseholdId) ? "solo-" + person.PsnNo : person.HouseholdId;
        var residence = person.Residence == "urban" ? Residence.Urban : Residence.Rural;
        return new PersonRecord(householdId, new MemberProfile(person.PsnNo, person.RegionCode, residence, [.. periods]));
    }
}
