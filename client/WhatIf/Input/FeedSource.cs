using System.Text;
using Ledger.Client.Feeding;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// A settlement feed (NDJSON or CSV, the formats <c>ledger feed</c> sends) with its persons file: each
/// member's dated identities are known as registered, so the replay uses the identities of each
/// settlement's date exactly as the ledger would.
/// </summary>
public static class FeedSource
{
    public static async Task<ReplayInput> ReadAsync(
        string settlementsPath, FeedFormat format, string personsPath, int? year, Action<long>? progress, CancellationToken cancellationToken)
    {
        var tally = new InputTally { Source = $"feed {Path.GetFileName(settlementsPath)}, persons {Path.GetFileName(personsPath)}" };
        var persons = await PersonsFile.ReadAsync(personsPath, tally, cancellationToken);
        var lookup = persons.GetAlternateLookup<ReadOnlySpan<char>>();
        PersonLookup psnNoOf = psnNo => lookup.TryGetValue(psnNo, out var person) ? person.Profile.PsnNo : null;
        var blocks = FeedFormats.Resolve(format, settlementsPath) == FeedFormat.Csv
            ? [await ReadCsvAsync(settlementsPath, psnNoOf, cancellationToken)]
            : await NdjsonBlocks.ReadAsync(settlementsPath, () => new SettlementBlock(), (block, line) => block.Add(SettlementJson.Read(line, psnNoOf)), progress, cancellationToken);
        foreach (var block in blocks)
        {
            tally.Add(block.Tally);
        }
        return HouseholdAssembler.Assemble(year, blocks.Select(block => block.Accepted).ToList(), persons, tally);
    }

    /// <summary>CSV rows become the JSON the API takes (the feed's own reader), then are read like NDJSON lines.</summary>
    private static async Task<SettlementBlock> ReadCsvAsync(string path, PersonLookup persons, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var block = new SettlementBlock();
        await foreach (var line in CsvFeedReader.ReadAsync(reader, cancellationToken))
        {
            block.Add(line.Malformed is not null ? SettlementRead.Refused("a CSV row that cannot be read") : SettlementJson.Read(Encoding.UTF8.GetBytes(line.Text), persons));
        }
        return block;
    }
}

/// <summary>The settlements of one block of a file, in order, and the count of lines left out by reason.</summary>
internal sealed class SettlementBlock
{
    public List<ReplaySettlement> Accepted { get; } = [];

    public InputTally Tally { get; } = new();

    public void Add(in SettlementRead read)
    {
        Tally.LinesRead++;
        if (read.Problem is { } problem)
        {
            Tally.Skip($"settlements: {problem}");
        }
        else
        {
            Accepted.Add(read.Settlement!);
        }
    }
}
