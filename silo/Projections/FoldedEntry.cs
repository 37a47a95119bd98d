namespace Ledger.Silo.Projections;

/// <summary>One journal entry's position and what it changes.</summary>
public sealed record FoldedEntry(long Position, DateTimeOffset LoggedAt, IReadOnlyList<ProjectionChange> Changes)
{
    /// <summary>
    /// The entries that follow on from the checkpoint without a gap (journal positions are dense): after a
    /// reset, a batch read before it must not be applied on top of an empty projection.
    /// </summary>
    public static List<FoldedEntry> Contiguous(IReadOnlyList<FoldedEntry> entries, long checkpoint)
    {
        var applying = new List<FoldedEntry>(entries.Count);
        foreach (var entry in entries.Where(entry => entry.Position > checkpoint))
        {
            if (entry.Position != (applying.Count == 0 ? checkpoint : applying[^1].Position) + 1)
            {
                break;
            }
            applying.Add(entry);
        }
        return applying;
    }
}
