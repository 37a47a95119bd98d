namespace Ledger.Shared;

/// <summary>
/// Bounds of the HTTP contract (API.md) that the silo enforces and the client must stay within: a
/// client that sends what the silo refuses is a bug on one side, so both read them from here.
/// </summary>
public static class WireLimits
{
    /// <summary>Length of ids (setl_id, psn_no, household_id, mdtrt_id): 1 to this many characters.</summary>
    public const int IdLengthMax = 64;

    /// <summary>
    /// The characters of an id: national numbers and codes fit, and no separator another part of the
    /// ledger puts between ids ('/' in event ids, ':' in audit subjects, ',' in CSV) can hide in one.
    /// </summary>
    public const string IdCharacters = "letters A-Z and a-z, digits 0-9, '-', '_' and '.'";

    public static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    /// <summary>Why an id breaks the rule (the reason, without the field's name or value), or null.</summary>
    public static string? IdProblem(string? id) =>
        string.IsNullOrWhiteSpace(id) ? "is required"
        : id.Length > IdLengthMax ? $"must be at most {IdLengthMax} characters"
        : !id.All(IsIdCharacter) ? $"may contain only {IdCharacters}"
        : null;

    /// <summary>The lengths of a region code or a prefix of one: province, prefecture or county.</summary>
    public const string RegionPrefixDigits = "2, 4 or 6 digits";

    /// <summary>A region code or a prefix of one (<see cref="RegionPrefixDigits"/>): what every region route and a key's regions take.</summary>
    public static bool IsRegionPrefix(string? text) => text is { Length: 2 or 4 or 6 } && text.All(char.IsAsciiDigit);

    /// <summary>Lines of one NDJSON batch (settlements or a roll of persons).</summary>
    public const int BatchLinesMax = 10_000;

    /// <summary>Entries of one page of the journal export.</summary>
    public const int JournalPageMax = 10_000;
}
