using System.Text.Json;
using Ledger.Client.Wire;
using Ledger.Policy.Loading;

namespace Ledger.Client.Views;

/// <summary>
/// The diff <c>ledger policy check</c> prints: one line per value and span that a roll-out changes,
/// "running -> proposed", grouped by the catalogue the silos run (they differ mid-roll-out).
/// </summary>
public static class PolicyChanges
{
    public const string Past = "(past)";

    public static void Write(TextWriter output, IReadOnlyList<(Uri Silo, IReadOnlyList<PolicyListing> Policies)> running, IReadOnlyList<PolicyListing> proposed, DateOnly today)
    {
        var groups = running.GroupBy(silo => JsonSerializer.Serialize(silo.Policies, ClientJson.Options)).ToList();
        if (groups.Count > 1)
        {
            output.WriteLine($"the silos run {groups.Count} different catalogues (a rolling restart under way?): each is compared below");
        }
        var anyPast = false;
        foreach (var group in groups)
        {
            var silos = string.Join(", ", group.Select(silo => silo.Silo.ToString().TrimEnd('/')));
            var catalogue = group.First().Policies;
            var changes = PolicyDiff.Compare(catalogue, proposed);
            output.WriteLine($"{silos}: {catalogue.Count} policies running; {Count(changes)}");
            foreach (var change in changes)
            {
                var past = change.From != DateOnly.MinValue && change.From <= today;
                anyPast |= past;
                output.WriteLine($"  {change.PolicyId}  {change.Key}  {Span(change)}{change.Running ?? "(absent)"} -> {change.Proposed ?? "(absent)"}{(past ? "  " + Past : "")}");
            }
            foreach (var change in changes.Where(change => IsRefusal(change) && change.Proposed is not null))
            {
                output.WriteLine($"  still refused after the roll-out: {change.PolicyId}{RegionOf(change)} {PolicyDiff.Span(change.From, change.Until)}: {InYears(change)}; " +
                    "settlements of those days are refused until the files have it");
            }
        }
        if (anyPast)
        {
            output.WriteLine($"{Past}: takes effect on a day already begun. Settlements of those days that arrive after the roll-out use the new value; " +
                "those already recorded keep theirs, and while silos differ the value depends on the silo. Roll a new year's values out before its first day.");
        }
    }

    private static bool IsRefusal(PolicyChange change) =>
        change.Key == PolicyListing.Refused || change.Key.EndsWith(":" + PolicyListing.Refused, StringComparison.Ordinal);

    private static string RegionOf(PolicyChange change) => change.Key == PolicyListing.Refused ? "" : $" (region {change.Key[..change.Key.IndexOf(':', StringComparison.Ordinal)]})";

    /// <summary>What a span lacks, with its year named: "… has no value for 2025".</summary>
    private static string InYears(PolicyChange change)
    {
        var years = change.Until is { } until
            ? until.Year == change.From.Year ? $"{change.From.Year}" : $"the years {change.From.Year}–{until.Year}"
            : $"each year from {change.From.Year}";
        return change.Proposed!.Replace("the year", years, StringComparison.Ordinal);
    }

    private static string Count(IReadOnlyList<PolicyChange> changes) => changes.Count == 0
        ? "no differences: the folder holds exactly the values running"
        : $"{changes.Count} change(s) in {changes.Select(change => change.PolicyId).Distinct().Count()} policy(ies) (running -> proposed):";

    private static string Span(PolicyChange change) => change.From == DateOnly.MinValue ? "" : PolicyDiff.Span(change.From, change.Until) + "  ";
}
