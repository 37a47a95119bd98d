namespace Ledger.Policy.Tests.Golden;

#pragma warning disable CA2227, CA1002 // DTOs filled by YamlDotNet.

/// <summary>A golden-case file: one policy, a region code, and cases a policy officer can read.</summary>
public sealed class GoldenFile
{
    public string Policy { get; set; } = "";
    public string Region { get; set; } = "";
    public List<GoldenCase> Cases { get; set; } = [];
}

/// <summary>Members of one household and the settlements (or reversals) they go through, in order.</summary>
public sealed class GoldenCase
{
    public string Name { get; set; } = "";
    public Dictionary<string, GoldenMember> Members { get; set; } = [];
    public List<GoldenStep> Steps { get; set; } = [];

    public override string ToString() => Name;
}

public sealed class GoldenMember
{
    public string Residence { get; set; } = "rural";
    public List<GoldenIdentity> Identities { get; set; } = [];
}

public sealed class GoldenIdentity
{
    public string Type { get; set; } = "";
    public string Begin { get; set; } = "";
    public string? End { get; set; }
}

/// <summary>Either a settlement by a member, or the reversal of an earlier step (1-based).</summary>
public sealed class GoldenStep
{
    public string? Member { get; set; }
    public Dictionary<string, string>? Settlement { get; set; }
    public int? Reverse { get; set; }
    public GoldenExpectation Expect { get; set; } = new();
}

/// <summary>The expected split (national field names) and events ("kind rule [level]") in order.</summary>
public sealed class GoldenExpectation
{
    public decimal? HifpPay { get; set; }
    public decimal? HifmiPay { get; set; }
    public decimal? MafPay { get; set; }
    public decimal? FloorPay { get; set; }
    public decimal? SupplementaryPay { get; set; }
    public decimal? WarmFundPay { get; set; }
    public decimal? PsnPartAmt { get; set; }
    public List<string> Events { get; set; } = [];
}
