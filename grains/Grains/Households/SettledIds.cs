using System.IO.Hashing;
using System.Text;

namespace Ledger.Grains.Households;

/// <summary>
/// The idempotency memory of a household: recent settlements in full, older ones as 64-bit
/// fingerprints of their <c>setl_id</c> (XXH3: a chance collision would need ~2³² ids in one
/// household; SHA-256 cost 5 % of the silo's CPU at peak for no benefit against authenticated feeds).
/// </summary>
internal static class SettledIds
{
    public static SettlementRecord? Find(HouseholdState state, string setlId)
    {
        // Newest first: a retry is almost always of something recent.
        for (var i = state.Reversible.Count - 1; i >= 0; i--)
        {
            if (state.Reversible[i].SetlId == setlId)
            {
                return state.Reversible[i];
            }
        }
        return null;
    }

    /// <summary>Most households never evict a record, so the hash is computed only when there are fingerprints to compare.</summary>
    public static bool SeenLongAgo(HouseholdState state, string setlId) => state.SeenIds.Count > 0 && state.SeenIds.Contains(Fingerprint(setlId));

    /// <summary>Keeps a new record, moving the oldest beyond the limits to fingerprints and dropping the oldest of those.</summary>
    public static void Remember(HouseholdState state, SettlementRecord record)
    {
        state.Reversible.Add(record);
        while (state.Reversible.Count > Limits.ReversibleSettlementsMax)
        {
            state.SeenIds.Add(Fingerprint(state.Reversible[0].SetlId));
            state.Reversible.RemoveAt(0);
        }
        if (state.SeenIds.Count > Limits.SeenIdsMax)
        {
            state.SeenIds.RemoveRange(0, state.SeenIds.Count - Limits.SeenIdsMax);
        }
    }

    public static ulong Fingerprint(string setlId)
    {
        var room = Encoding.UTF8.GetMaxByteCount(setlId.Length);
        Span<byte> utf8 = room <= 256 ? stackalloc byte[256] : new byte[room];
        return XxHash3.HashToUInt64(utf8[..Encoding.UTF8.GetBytes(setlId, utf8)]);
    }
}
