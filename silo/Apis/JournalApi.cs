using System.Globalization;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Silo.Http;
using Ledger.Silo.Security.Audit;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>
/// The journal of a region and year, for operators: what a what-if replay, an audit or a rebuild reads.
/// Paged by position: pass the last position read as <c>after</c>; an empty answer is the end. A year
/// also holds the region's identity changes journaled under earlier years (see <see cref="IJournal.ReadAfter"/>).
/// </summary>
public static class JournalApi
{
    public const int LimitMax = WireLimits.JournalPageMax;

    public static RouteGroupBuilder MapJournalApi(this RouteGroupBuilder api)
    {
        api.MapGet("/journal", Export).WithName("ExportJournal")
            .WithSummary("Journal entries of a region prefix and year after a position (application/x-ndjson, operators)")
            .WithDescription("Each line is one entry; its kind is recorded, reversed, adjusted (the settlement's), identity_changed (a member's "
                + "identities or residence, with identity_periods) or member_moved (the person moved into household_id: its settlements of year and "
                + "later count there from this entry on; no money moves) or member_left (household_id, which the person left, journaled its departure: "
                + "the re-adjudication of its years without the person, in the entries before it, or nothing to change; no money moves).")
            .RequireRegion();
        return api;
    }

    private static async Task<Results<NdjsonResult<JournalEntry, JournalEntryView>, ProblemHttpResult>> Export(
        string? region, int? year, long? after, int? limit, HttpContext context, IJournal journal, TimeProvider time)
    {
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        // Every settlement of the region with its psn_no: found in the trail as journal:35:2024, not as a KPI read.
        AuditSubject.NameRegionRead(context, "journal", region!, readYear.ToString(CultureInfo.InvariantCulture));
        if (after is < 0 || limit is < 1 or > LimitMax)
        {
            return Problems.Field(after is < 0 ? "after" : "limit", after is < 0 ? "must be 0 or more" : $"must be from 1 to {LimitMax}");
        }
        var entries = await journal.ReadAfter(after ?? 0, limit ?? LimitMax, region!, readYear, context.RequestAborted);
        return new NdjsonResult<JournalEntry, JournalEntryView>(entries, JournalEntryView.Of);
    }
}
