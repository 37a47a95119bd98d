using System.CommandLine;
using Ledger.Shared;

namespace Ledger.Client.Cli;

/// <summary>
/// <c>--region</c> of the commands that read a region (watch, report, journal export): a region code or a
/// prefix of one, refused before anything is sent unless the silo would take it (<see cref="WireLimits.IsRegionPrefix"/>).
/// </summary>
public static class RegionOption
{
    public static Option<string> Create() => new("--region")
    {
        Description = $"Region code or prefix, {WireLimits.RegionPrefixDigits} (35 = all of Fujian).", Required = true, HelpName = "CODE",
    };

    /// <summary>The region given, or a usage error naming it.</summary>
    public static string Value(ParseResult parse, Option<string> option)
    {
        var code = parse.GetValue(option)!;
        return WireLimits.IsRegionPrefix(code) ? code
            : throw new UsageException($"--region: '{code}' is not a region code or prefix ({WireLimits.RegionPrefixDigits})");
    }
}
