using System.Text.Json.Serialization;

namespace Ledger.Client.Wire;

/// <summary>
/// One settlement as <c>POST /api/settlements</c> takes it (national field names): who and when, then
/// the claim. <c>SetlTime</c> is written without an offset, which the API reads as China time.
/// </summary>
public sealed record SettlementLine : ClaimFields
{
    [JsonPropertyOrder(-1)]
    public required string SetlId { get; init; }

    [JsonPropertyOrder(-1)]
    public required string PsnNo { get; init; }

    [JsonPropertyOrder(-1)]
    public string? MdtrtId { get; init; }

    [JsonPropertyOrder(-1)]
    public required string SetlTime { get; init; }
}
