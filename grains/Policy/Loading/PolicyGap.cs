namespace Ledger.Policy.Loading;

/// <summary>
/// Region prefixes of one policy whose settlements of a day are refused, and what they lack that year
/// ("parameters.rural_income has no value for 2026"; a by-region figure under its parameter's name, the
/// region being named in <see cref="Regions"/>). What the health check, its metric and
/// <c>ledger policy check</c> report, from <see cref="PolicyCatalogue.Gaps"/>.
/// </summary>
public sealed partial record PolicyGap(string PolicyId, string File, int Year, IReadOnlyList<string> Regions, IReadOnlyList<string> Lacks)
{
    /// <summary>"fujian-2022 (fujian-2022.yaml) regions 35, 3501: parameters.rural_income has no value for 2026".</summary>
    public override string ToString() =>
        $"{PolicyId} ({File}) region{(Regions.Count == 1 ? "" : "s")} {string.Join(", ", Regions)}: {string.Join("; ", Lacks)}";

    /// <summary>A by-region key without its region ("parameters.residents_income.by_region.3501" is "parameters.residents_income"), duplicates dropped.</summary>
    internal static string[] Unregioned(IEnumerable<string> lacks) => [.. lacks.Select(gap => ByRegionEntry().Replace(gap, "")).Distinct()];

    [System.Text.RegularExpressions.GeneratedRegex(@"\.by_region\.[0-9]+")]
    internal static partial System.Text.RegularExpressions.Regex ByRegionEntry();
}
