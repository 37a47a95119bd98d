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

/// <summary>
/// A settlement by a member, the reversal of an earlier step (1-based), or a member's identities
/// replaced (as a registration would: a back-dated identity re-adjudicates what it reaches).
/// </summary>
public sealed class GoldenStep
{
    public string? Member { get; set; }
    public Dictionary<string, string>? Settlement { get; set; }
    public int? Reverse { get; set; }
    public GoldenIdentities? Identities { get; set; }
    public GoldenExpectation Expect { get; set; } = new();
}

public sealed class GoldenIdentities
{
    public string Member { get; set; } = "";
    public List<GoldenIdentity> Identities { get; set; } = [];
}

/// <summary>A settlement (by its step) whose split a re-adjudication changed: the signed change per payer.</summary>
public sealed class GoldenAdjustment
{
    public int Step { get; set; }
    public decimal HifpPay { get; set; }
    public decimal HifmiPay { get; set; }
    public decimal MafPay { get; set; }
    public decimal FloorPay { get; set; }
    public decimal SupplementaryPay { get; set; }
    public decimal WarmFundPay { get; set; }
    public decimal PsnPartAmt { get; set; }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"step {Step}: hifp {HifpPay:0.00} hifmi {HifmiPay:0.00} maf {MafPay:0.00} floor {FloorPay:0.00} supplementary {SupplementaryPay:0.00} warm {WarmFundPay:0.00} self {PsnPartAmt:0.00}");
}

/// <summary>
/// The expected split (national field names), events ("kind rule [level]") in order, and the
/// adjustments of earlier settlements the step caused (none unless listed). A case may also state the
/// settling member's running figures after the step, so a comment's running total cannot go stale:
/// <see cref="CriticalBase"/> (what counts towards the critical-illness deductible so far this year) and
/// <see cref="DeductiblePaid"/> (what the year's inpatient stays paid towards their basic deductibles).
/// </summary>
public sealed class GoldenExpectation
{
    public List<GoldenAdjustment> Adjusted { get; set; } = [];

    public decimal? HifpPay { get; set; }
    public decimal? HifmiPay { get; set; }
    public decimal? MafPay { get; set; }
    public decimal? FloorPay { get; set; }
    public decimal? SupplementaryPay { get; set; }
    public decimal? WarmFundPay { get; set; }
    public decimal? PsnPartAmt { get; set; }
    public List<string> Events { get; set; } = [];

    public decimal? CriticalBase { get; set; }
    public decimal? DeductiblePaid { get; set; }
}
