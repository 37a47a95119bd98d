using System.Text.Json;
using Ledger.Client.Wire;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Shared;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// A journal export (NDJSON of <c>GET /api/journal</c>). As journal-wire says: the <c>recorded</c> entries
/// not followed by a <c>reversed</c> one, each with the context of its latest <c>recorded</c> or
/// <c>adjusted</c> entry. Each member's profile holds the identities of each settlement's date as
/// single-day periods, so the replay computes every settlement with the identities the ledger holds for
/// it. Those are the context's, unless an <c>identity_changed</c> entry came after it: a back-dated
/// identity that left the split as it was journals no adjustment, so the context is the one from before
/// the change, while the ledger (its totals, its month-end groups, any later re-adjudication) goes by
/// the changed profile. Such a settlement takes the identities of its date from the member's newest
/// identity change: its <c>identity_periods</c>, or, on a change journaled before the ledger kept them,
/// its <c>identities</c> from the day it counts from. The export of a year also holds the identity changes
/// journaled under earlier years (an entry's year is the day it counts from), so one from last year that
/// still holds is read the same way. A member is replayed in the household of its latest entry, but for the
/// household left's departure, written after the move (its <c>member_left</c> entry, and the adjustment of no amount
/// of the mover's bill that carries its levels' clearing): after a <c>member_moved</c> entry only the household joined places the member.
/// </summary>
public static class JournalSource
{
    public static async Task<ReplayInput> ReadAsync(string path, int? year, Action<long>? progress, CancellationToken cancellationToken)
    {
        var tally = new InputTally { Source = $"journal export {Path.GetFileName(path)}" };
        var blocks = await NdjsonBlocks.ReadAsync(path, () => new List<JournalLine?>(), (block, line) => block.Add(Parse(line)), progress, cancellationToken);
        var entries = new List<JournalLine>();
        foreach (var entry in blocks.SelectMany(block => block))
        {
            tally.LinesRead++;
            if (entry is null)
            {
                tally.Skip("journal: a line that is not a journal entry");
            }
            else
            {
                entries.Add(entry);
            }
        }
        entries.Sort((a, b) => a.Position.CompareTo(b.Position));
        var (settlements, persons) = Fold(entries, tally);
        var table = new PersonTable(persons);
        var block = new SettlementBlock();
        foreach (var settlement in settlements)
        {
            block.Add(settlement.Claim, settlement.Key, table.IndexOf(settlement.PsnNo));
        }
        return HouseholdAssembler.Assemble(year, [block], table, tally);
    }

    private static JournalLine? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<JournalLine>(line, ClientJson.Options);
            return entry is { Kind: not null, PsnNo: not null, HouseholdId: not null, RegionCode: not null, SetlTime: not null } ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What each settlement stands at after the whole journal, and each person's household and profile.</summary>
    private static (List<ReplaySettlement> Settlements, Dictionary<string, PersonRecord> Persons) Fold(List<JournalLine> entries, InputTally tally)
    {
        var standing = new Dictionary<string, (JournalLine Recorded, JournalLine Context, bool Reversed)>(StringComparer.Ordinal);
        var latest = new Dictionary<string, JournalLine>(StringComparer.Ordinal);
        var joined = new Dictionary<string, string>(StringComparer.Ordinal);
        var changes = new Dictionary<string, JournalLine>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Kind == "member_moved")
            {
                joined[entry.PsnNo] = entry.HouseholdId;
            }
            // A member's household is that of its latest entry, but for the household left's departure, written after
            // the move: its member_left, and the adjustment of no amount of the mover's bill that carries its levels'
            // clearing when it has no other settlement of the year. After a move only the household joined places the member.
            if (entry.Kind != "member_left" && (!joined.TryGetValue(entry.PsnNo, out var household) || household == entry.HouseholdId))
            {
                latest[entry.PsnNo] = entry;
            }
            if (entry.Kind == "identity_changed")
            {
                changes[entry.PsnNo] = entry;
            }
            if (entry.SetlId is not { } setlId)
            {
                continue;
            }
            switch (entry.Kind)
            {
                case "recorded":
                    standing.TryAdd(setlId, (entry, entry, false));
                    break;
                case "adjusted" when standing.TryGetValue(setlId, out var adjusted):
                    standing[setlId] = adjusted with { Context = entry };
                    break;
                case "reversed" when standing.TryGetValue(setlId, out var reversed):
                    standing[setlId] = reversed with { Reversed = true };
                    break;
            }
        }
        var settlements = new List<ReplaySettlement>(standing.Count);
        var periods = new Dictionary<string, (HashSet<IdentityPeriod> Periods, JournalLine Context)>(StringComparer.Ordinal);
        foreach (var (recorded, context, reversed) in standing.Values.OrderBy(value => value.Recorded.Position))
        {
            if (reversed)
            {
                tally.Skip("journal: settlements reversed");
                continue;
            }
            if (Settlement(recorded) is not { } settlement || Context(context) is not { } identities)
            {
                tally.Skip("journal: a recorded entry whose claim or context cannot be read");
                continue;
            }
            if (changes.TryGetValue(recorded.PsnNo, out var change) && change.Position > context.Position)
            {
                if (!TryChanged(change, settlement.Claim.Date, ref identities))
                {
                    tally.Skip("journal: a settlement whose member's identity_changed entry cannot be read");
                    continue;
                }
            }
            settlements.Add(settlement);
            var person = periods.TryGetValue(recorded.PsnNo, out var known) ? known : (Periods: new HashSet<IdentityPeriod>(), Context: context);
            if (person.Context.Residence != context.Residence)
            {
                tally.Note("journal: settlements of a member computed with another residence than the member's latest (replayed with the latest; a profile has one residence)");
            }
            foreach (var identity in identities)
            {
                person.Periods.Add(new IdentityPeriod(identity, settlement.Claim.Date, settlement.Claim.Date));
            }
            periods[recorded.PsnNo] = person with { Context = context.Position > person.Context.Position ? context : person.Context };
        }
        var persons = new Dictionary<string, PersonRecord>(StringComparer.Ordinal);
        foreach (var (psnNo, (held, context)) in periods)
        {
            var where = latest[psnNo];
            // An identity change carries the profile's residence as it stood then: newer than any settlement's, it is the member's latest.
            var newest = changes.TryGetValue(psnNo, out var change) && change.Position > context.Position && change.Residence is "rural" or "urban" ? change : context;
            var residence = newest.Residence == "urban" ? Residence.Urban : Residence.Rural;
            var profile = new MemberProfile(psnNo, where.RegionCode, residence,
                [.. held.OrderBy(period => period.Begin).ThenBy(period => period.Identity)]);
            persons[psnNo] = new PersonRecord(where.HouseholdId, profile);
        }
        return (settlements, persons);
    }

    /// <summary>
    /// Sets <paramref name="identities"/> to those <paramref name="change"/> gives the member on
    /// <paramref name="date"/>: those of its dated periods; without them (a change journaled before the
    /// ledger kept them), its identities from the day it counts from (before it the context stands).
    /// False when the entry cannot be read.
    /// </summary>
    private static bool TryChanged(JournalLine change, DateOnly date, ref List<Identities> identities)
    {
        if (change.IdentityPeriods is { } dated)
        {
            var held = new List<Identities>();
            foreach (var period in dated)
            {
                if (!IdentityCodes.TryParse(period.Type, out var identity))
                {
                    return false;
                }
                if (new IdentityPeriod(identity, period.Begin, period.End).IsValidOn(date))
                {
                    held.Add(identity);
                }
            }
            identities = held;
            return true;
        }
        if (!ChinaTimes.TryParse(change.SetlTime, out var from) || Context(change) is not { } counted)
        {
            return false;
        }
        if (date >= ChinaTime.Date(from))
        {
            identities = counted;
        }
        return true;
    }

    private static ReplaySettlement? Settlement(JournalLine entry)
    {
        if (entry.Claim is not { } claim || !ChinaTimes.TryParse(entry.SetlTime, out var time) || !MedicalTypeCodes.TryParse(claim.MedType, out var medicalType))
        {
            return null;
        }
        var parsed = new Claim(ChinaTime.Date(time), medicalType, claim.HospLv, claim.MedfeeSumamt, claim.InscpScpAmt,
            claim.FulamtOwnpayAmt, claim.OverlmtSelfpay, claim.PreselfpayAmt, claim.HifpPay, claim.HifmiPay, claim.MafPay,
            claim.OthPay, claim.ReflSetlFlag == "1", claim.MdtrtareaAdmvs);
        return ClaimValidator.Validate(parsed) is null ? new ReplaySettlement(entry.PsnNo, new SettlementKey(time, entry.SetlId!), parsed) : null;
    }

    private static List<Identities>? Context(JournalLine entry)
    {
        var identities = new List<Identities>();
        foreach (var code in entry.Identities ?? [])
        {
            if (!IdentityCodes.TryParse(code, out var identity))
            {
                return null;
            }
            identities.Add(identity);
        }
        return entry.Residence is "rural" or "urban" ? identities : null;
    }
}
