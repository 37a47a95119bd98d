using Ledger.Policy.Households;
using Ledger.Silo.Http;

namespace Ledger.Silo.Wire;

/// <summary>A page of a person's or household's settlement history, in settlement-time order.</summary>
public sealed record HistoryPage(int Year, int Page, int PageSize, int TotalCount, IReadOnlyList<JournalEntryView> Items)
{
    /// <summary>The settlement entries (recorded, reversed, adjusted) in settlement-time order, then journal order.</summary>
    public static HistoryPage Of(int year, IEnumerable<JournalEntry> entries, int page, int pageSize)
    {
        var settlements = entries.Where(entry => entry.IsSettlement)
            .OrderBy(entry => entry.Key).ThenBy(entry => entry.Position).ToList();
        return new HistoryPage(year, page, pageSize, settlements.Count,
            [.. Paging.Slice(settlements, page, pageSize).Select(JournalEntryView.Of)]);
    }
}
