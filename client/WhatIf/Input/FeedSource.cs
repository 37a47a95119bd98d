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
        var persons = new PersonTable(await PersonsFile.ReadAsync(personsPath, tally, cancellationToken));
        var blocks = FeedFormats.Resolve(format, settlementsPath) == FeedFormat.Csv
            ? [await ReadCsvAsync(settlementsPath, persons, cancellationToken)]
            : await NdjsonBlocks.ReadAsync(settlementsPath, () => new SettlementBlock(SettlementBlock.FileBlockCapacity), (block, line) => SettlementJson.Read(line, persons, block), progress, cancellationToken);
        foreach (var block in blocks)
        {
            tally.Add(block.Tally);
        }
        return HouseholdAssembler.Assemble(year, blocks, persons, tally);
    }

    /// <summary>CSV rows become the JSON the API takes (the feed's own reader), then are read like NDJSON lines.</summary>
    private static async Task<SettlementBlock> ReadCsvAsync(string path, PersonTable persons, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var block = new SettlementBlock();
        await foreach (var line in CsvFeedReader.ReadAsync(reader, cancellationToken))
        {
            if (line.Malformed is not null)
            {
                block.Refuse("a CSV row that cannot be read");
            }
            else
            {
                SettlementJson.Read(Encoding.UTF8.GetBytes(line.Text), persons, block);
            }
        }
        return block;
    }
}
