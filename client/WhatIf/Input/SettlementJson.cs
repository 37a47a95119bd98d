using System.Text;
using System.Text.Json;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Shared;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// Reads one settlement object of the API's wire format (API.md, <c>POST /api/settlements</c>) straight
/// from its UTF-8 bytes and checks it as the ledger does before computing: required members, a known
/// med_type, amounts that add up (<see cref="ClaimValidator"/>). A line the ledger would reject is left
/// out of the replay with the same field named.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static class SettlementJson
{
    private const int IdLengthMax = WireLimits.IdLengthMax;

    /// <summary>The longest time the formats allow (seven fraction digits and an offset), with room to spare.</summary>
    private const int TimeLengthMax = 48;

    /// <summary>The most bytes a setl_id of <see cref="IdLengthMax"/> characters takes in JSON (each a \uXXXX escape).</summary>
    private const int IdJsonBytesMax = IdLengthMax * 6;

    /// <summary>Reads a line into <paramref name="block"/>: its settlement, or the reason it is left out.</summary>
    public static void Read(ReadOnlySpan<byte> line, PersonTable persons, SettlementBlock block)
    {
        string? problem;
        try
        {
            problem = ReadObject(line, persons, block);
        }
        catch (JsonException)
        {
            problem = "not a JSON object";
        }
        catch (InvalidOperationException)
        {
            // A member of the wrong JSON type (a string where a number belongs, say).
            problem = "a member has the wrong JSON type";
        }
        catch (FormatException)
        {
            problem = "an amount is not a decimal number";
        }
        if (problem is not null)
        {
            block.Refuse(problem);
        }
    }

    /// <summary>Null once the settlement is in the block; otherwise why the line is left out.</summary>
    private static string? ReadObject(ReadOnlySpan<byte> line, PersonTable persons, SettlementBlock block)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "not a JSON object";
        }
        // The setl_id's UTF-8 bytes as unescaped (-1: absent or null; -2: longer than any id the API takes).
        Span<byte> setlId = stackalloc byte[IdJsonBytesMax];
        var setlIdLength = -1;
        var person = -1;
        string? medType = null;
        DateTimeOffset? time = null;
        int? level = null;
        Span<char> buffer = stackalloc char[TimeLengthMax];
        decimal? total = null, scope = null, ownPay = null, overLimit = null, preSelfPay = null, basic = null, critical = null, assistance = null, other = null;
        var referral = false;
        string? hospitalRegion = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            reader.Read();
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (field)
            {
                case 0: setlIdLength = isNull ? -1 : SetlId(ref reader, setlId); break;
                case 1: person = isNull ? -1 : Person(ref reader, persons); break;
                case 2: break;
                case 3: medType = isNull ? null : MedType(ref reader); break;
                case 4:
                    if (isNull || reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > TimeLengthMax
                        || !ChinaTimes.TryParse(buffer[..reader.CopyString(buffer)], out var parsed))
                    {
                        return "setl_time: must be an ISO 8601 time (China time when it has no offset)";
                    }
                    time = parsed;
                    break;
                case 5: level = isNull ? null : reader.GetInt32(); break;
                case 6: total = Amount(ref reader); break;
                case 7: scope = Amount(ref reader); break;
                case 8: ownPay = Amount(ref reader); break;
                case 9: overLimit = Amount(ref reader); break;
                case 10: preSelfPay = Amount(ref reader); break;
                case 11: basic = Amount(ref reader); break;
                case 12: critical = Amount(ref reader); break;
                case 13: assistance = Amount(ref reader); break;
                case 14: other = Amount(ref reader); break;
                case 15:
                    if (!isNull && (reader.TokenType != JsonTokenType.String || !(reader.ValueTextEquals("0"u8) || reader.ValueTextEquals("1"u8))))
                    {
                        return "refl_setl_flag: must be \"1\" (a referred admission, 转院结算) or \"0\"";
                    }
                    referral = !isNull && reader.ValueTextEquals("1"u8);
                    break;
                case 16: hospitalRegion = isNull ? null : reader.GetString(); break;
                default: return "has a member the API does not know";
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return "not a JSON object";
        }
        if (SetlIdProblem(setlId, setlIdLength) is { } idProblem)
        {
            return idProblem;
        }
        if (person < 0)
        {
            return "psn_no: not registered in the persons file";
        }
        if (time is null || level is null || total is null || scope is null || medType is null)
        {
            return "setl_time, med_type, hosp_lv, medfee_sumamt and inscp_scp_amt are required";
        }
        if (!MedicalTypeCodes.TryParse(medType, out var medicalType))
        {
            return "med_type: not a national med_type code";
        }
        var claim = new Claim(ChinaTime.Date(time.Value), medicalType, level.Value, total.Value, scope.Value,
            ownPay ?? 0m, overLimit ?? 0m, preSelfPay ?? 0m, basic, critical, assistance, other, referral, hospitalRegion);
        if (ClaimValidator.Validate(claim) is { } problem)
        {
            return $"{problem.Field}: {problem.Reason}";
        }
        block.Add(StoredSettlement.Of(claim, time.Value, person), setlId[..setlIdLength]);
        return null;
    }

    /// <summary>The id's unescaped UTF-8 length in <paramref name="bytes"/>, or -2 when it is too long to be one.</summary>
    private static int SetlId(ref Utf8JsonReader reader, scoped Span<byte> bytes)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidOperationException("setl_id is not a string");
        }
        return reader.ValueSpan.Length > IdJsonBytesMax ? -2 : reader.CopyString(bytes);
    }

    private static string? SetlIdProblem(ReadOnlySpan<byte> bytes, int length)
    {
        if (length == -2)
        {
            return $"setl_id: must be at most {IdLengthMax} characters";
        }
        Span<char> id = stackalloc char[IdJsonBytesMax];
        return IdProblem(length < 0 ? default : id[..Encoding.UTF8.GetChars(bytes[..length], id)], "setl_id");
    }

    /// <summary>The common codes without a string each; others as read (the engine's table decides).</summary>
    private static string? MedType(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped ? reader.GetString()
        : reader.ValueSpan.SequenceEqual("11"u8) ? "11"
        : reader.ValueSpan.SequenceEqual("14"u8) ? "14"
        : reader.ValueSpan.SequenceEqual("21"u8) ? "21"
        : reader.GetString();

    private static int Person(ref Utf8JsonReader reader, PersonTable persons)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > IdLengthMax * 3)
        {
            return -1;
        }
        Span<char> buffer = stackalloc char[IdLengthMax * 3];
        return persons.IndexOf(buffer[..reader.CopyString(buffer)]);
    }

    /// <summary>The member's index in the wire format, -1 for one the API does not know; no string per member.</summary>
    private static int Field(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> name = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            name = Encoding.UTF8.GetBytes(reader.GetString()!);
        }
        return name switch
        {
            _ when name.SequenceEqual("setl_id"u8) => 0,
            _ when name.SequenceEqual("psn_no"u8) => 1,
            _ when name.SequenceEqual("mdtrt_id"u8) => 2,
            _ when name.SequenceEqual("med_type"u8) => 3,
            _ when name.SequenceEqual("setl_time"u8) => 4,
            _ when name.SequenceEqual("hosp_lv"u8) => 5,
            _ when name.SequenceEqual("medfee_sumamt"u8) => 6,
            _ when name.SequenceEqual("inscp_scp_amt"u8) => 7,
            _ when name.SequenceEqual("fulamt_ownpay_amt"u8) => 8,
            _ when name.SequenceEqual("overlmt_selfpay"u8) => 9,
            _ when name.SequenceEqual("preselfpay_amt"u8) => 10,
            _ when name.SequenceEqual("hifp_pay"u8) => 11,
            _ when name.SequenceEqual("hifmi_pay"u8) => 12,
            _ when name.SequenceEqual("maf_pay"u8) => 13,
            _ when name.SequenceEqual("oth_pay"u8) => 14,
            _ when name.SequenceEqual("refl_setl_flag"u8) => 15,
            _ when name.SequenceEqual("mdtrtarea_admvs"u8) => 16,
            _ => -1,
        };
    }

    private static decimal? Amount(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetDecimal();

    /// <summary>
    /// Looser than the silo's rule (<see cref="WireLimits.IdProblem"/>): a what-if reads exports and
    /// files as they are, and keeps whatever it reads as text in its reports.
    /// </summary>
    internal static string? IdProblem(string? id, string field) => IdProblem(id.AsSpan(), field);

    private static string? IdProblem(ReadOnlySpan<char> id, string field) =>
        id.IsWhiteSpace() ? $"{field}: is required"
        : id.Length > IdLengthMax ? $"{field}: must be at most {IdLengthMax} characters"
        : id.ContainsAnyInRange('\0', '\x1F') || id.ContainsAnyInRange('\x7F', '\x9F') ? $"{field}: must not contain control characters"
        : null;
}
