using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Ledger.Reliability.Tests.Campaign;

/// <summary>
/// Malformed settlements: a valid settlement of a registered person, bent in one way. Each gets its
/// own setl_id, so a corruption accepted by mistake would show as a new settlement in the totals.
/// </summary>
public static class SettlementCorruptions
{
    private static readonly string[] StringFields = ["setl_id", "psn_no", "mdtrt_id", "setl_time", "med_type"];
    private static readonly string[] AmountFields = ["medfee_sumamt", "inscp_scp_amt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "hifp_pay", "hifmi_pay", "maf_pay"];
    private static readonly string[] RequiredFields = ["setl_id", "psn_no", "setl_time", "med_type", "hosp_lv", "medfee_sumamt", "inscp_scp_amt"];
    private static readonly JsonNode?[] NotStrings = [12345, true, new JsonObject(), new JsonArray()];
    private static readonly JsonNode?[] NotNumbers = ["abc", "12.50", true, new JsonObject(), new JsonArray()];

    /// <summary>The corruptions, in turn: each takes a random source, a fresh valid settlement and the targets.</summary>
    private static readonly Func<Random, JsonObject, CampaignTargets, (string Category, string Field, int Status, byte[]? Raw)>[] Kinds =
    [
        WrongType, Missing, Null, Huge, Negative, TooManyDecimals, ScopeAboveTotal, SumMismatch, PrepaidAboveScope,
        BadHospitalLevel, BadMedicalType, FarFuture, Before2015, BadDate, OversizedId, ControlCharacter, BrokenUtf8,
        UnknownField, UnknownPerson, NotJson, NoPolicy, ClosedYear,
    ];

    public static IEnumerable<BadInput> Generate(Random random, CampaignTargets targets, int count, bool inBatch)
    {
        for (var i = 0; i < count; i++)
        {
            var settlement = Valid(random, targets, $"S-bad-{(inBatch ? "b" : "s")}-{i:D6}");
            var (category, field, status, raw) = Kinds[i % Kinds.Length](random, settlement, targets);
            yield return new BadInput($"settlement.{category}", HttpMethod.Post, "api/settlements",
                inBatch ? "application/x-ndjson" : "application/json", raw ?? Encoding.UTF8.GetBytes(settlement.ToJsonString()), field,
                inBatch ? status : status, inBatch);
        }
    }

    private static JsonObject Valid(Random random, CampaignTargets targets, string setlId)
    {
        var scope = random.Next(100, 50_000);
        var own = random.Next(0, 5_000);
        return new JsonObject
        {
            ["setl_id"] = setlId, ["psn_no"] = targets.Persons[random.Next(targets.Persons.Count)], ["mdtrt_id"] = null,
            ["setl_time"] = $"2024-{random.Next(1, 12):D2}-{random.Next(1, 28):D2}T10:00:00", ["med_type"] = "21", ["hosp_lv"] = random.Next(1, 4),
            ["medfee_sumamt"] = scope + own, ["inscp_scp_amt"] = scope, ["fulamt_ownpay_amt"] = own, ["overlmt_selfpay"] = 0, ["preselfpay_amt"] = 0,
            ["hifp_pay"] = null, ["hifmi_pay"] = null, ["maf_pay"] = null,
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static (string, string, int, byte[]?) WrongType(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var numeric = random.Next(2) == 0;
        var field = numeric ? Pick(random, [.. AmountFields, "hosp_lv"]) : Pick(random, StringFields);
        settlement[field] = (numeric ? Pick(random, NotNumbers) : Pick(random, NotStrings))?.DeepClone();
        return ("wrong_type", field, 400, null);
    }

    private static (string, string, int, byte[]?) Missing(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, RequiredFields);
        settlement.Remove(field);
        return ("missing_field", field, 400, null);
    }

    private static (string, string, int, byte[]?) Null(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, RequiredFields);
        settlement[field] = null;
        return ("null_required", field, 400, null);
    }

    private static (string, string, int, byte[]?) Huge(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, AmountFields);
        var text = Pick(random, ["1e30", "1e400", "123456789012345678901234567890", "100000000.01", "79228162514264337593543950336"]);
        var json = settlement.ToJsonString().Replace($"\"{field}\":{(settlement[field] is null ? "null" : settlement[field]!.ToJsonString())}", $"\"{field}\":{text}", StringComparison.Ordinal);
        return ("huge_number", field, 400, Encoding.UTF8.GetBytes(json));
    }

    private static (string, string, int, byte[]?) Negative(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, AmountFields);
        settlement[field] = -Math.Round(random.NextDouble() * 1_000 + 0.01, 2);
        return ("negative_amount", field, 400, null);
    }

    private static (string, string, int, byte[]?) TooManyDecimals(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, ["medfee_sumamt", "inscp_scp_amt", "fulamt_ownpay_amt"]);
        settlement[field] = settlement[field]!.GetValue<int>() + 0.001m;
        return ("three_decimals", field, 400, null);
    }

    private static (string, string, int, byte[]?) ScopeAboveTotal(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["inscp_scp_amt"] = settlement["medfee_sumamt"]!.GetValue<int>() + random.Next(1, 1_000);
        return ("scope_above_total", "inscp_scp_amt", 400, null);
    }

    private static (string, string, int, byte[]?) SumMismatch(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["overlmt_selfpay"] = Math.Round(random.NextDouble() * 100 + 0.01, 2);
        return ("parts_do_not_add_up", "medfee_sumamt", 400, null);
    }

    private static (string, string, int, byte[]?) PrepaidAboveScope(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["hifp_pay"] = settlement["inscp_scp_amt"]!.GetValue<int>();
        settlement["maf_pay"] = random.Next(1, 500);
        return ("prepaid_above_scope", "hifp_pay", 400, null);
    }

    private static (string, string, int, byte[]?) BadHospitalLevel(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["hosp_lv"] = Pick(random, [0, 4, -1, 99, int.MaxValue]);
        return ("hospital_level", "hosp_lv", 400, null);
    }

    private static (string, string, int, byte[]?) BadMedicalType(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["med_type"] = Pick(random, ["99", "", "abc", "2", "inpatient!"]);
        return ("medical_type", "med_type", 400, null);
    }

    private static (string, string, int, byte[]?) FarFuture(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["setl_time"] = Pick(random, ["2099-01-01T10:00:00", "9999-12-31T23:59:59",
            DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)]);
        return ("far_future", "setl_time", 400, null);
    }

    private static (string, string, int, byte[]?) Before2015(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["setl_time"] = Pick(random, ["2014-12-31T23:59:59", "1900-01-01T00:00:00", "0001-01-01T00:00:00", "2014-12-31T15:59:59Z"]);
        return ("before_2015", "setl_time", 400, null);
    }

    private static (string, string, int, byte[]?) BadDate(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["setl_time"] = Pick(random, ["2024-13-45T10:00:00", "yesterday", "2024-02-30T10:00:00", "", "2024/03/01 10:00", "1714000000"]);
        return ("bad_date", "setl_time", 400, null);
    }

    private static (string, string, int, byte[]?) OversizedId(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, ["setl_id", "psn_no", "mdtrt_id"]);
        settlement[field] = new string('X', random.Next(65, 5_000));
        return ("oversized_string", field, 400, null);
    }

    private static (string, string, int, byte[]?) ControlCharacter(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["setl_id"] = $"S-bad-{random.Next()}\u0007\u0000";
        return ("control_character", "setl_id", 400, null);
    }

    private static (string, string, int, byte[]?) BrokenUtf8(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, ["setl_id", "psn_no", "med_type", "mdtrt_id"]);
        settlement[field] = $"{settlement[field]?.GetValue<string>() ?? "M"}#";
        var bytes = Encoding.UTF8.GetBytes(settlement.ToJsonString());
        var at = Array.IndexOf(bytes, (byte)'#');
        bytes[at] = Pick(random, new byte[] { 0xFF, 0xC3, 0x80, 0xED });
        return ("broken_utf8", field, 400, bytes);
    }

    private static (string, string, int, byte[]?) UnknownField(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var field = Pick(random, ["psn_name", "certno", "total", "hifp_pay_extra", "setlId"]);
        settlement[field] = field is "psn_name" ? "王秀英" : field is "certno" ? "350102198001011234" : 1;
        return ("unknown_field", field, 400, null);
    }

    private static (string, string, int, byte[]?) UnknownPerson(Random random, JsonObject settlement, CampaignTargets targets)
    {
        // An ID-card number in the person field is a feed mistake: refused, and never written to a log.
        settlement["psn_no"] = random.Next(2) == 0 ? $"P-nobody-{random.Next()}" : "35010219800101" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        return ("unknown_person", "psn_no", 404, null);
    }

    private static (string, string, int, byte[]?) NotJson(Random random, JsonObject settlement, CampaignTargets targets)
    {
        var text = Pick(random, ["{", "[]", "null", "42", "\"text\"", "{\"setl_id\":", "<settlement/>", "setl_id=S-1&psn_no=P-1", "{}}", "\u0000\u0001"]);
        return ("not_json", "body", 400, Encoding.UTF8.GetBytes(text));
    }

    private static (string, string, int, byte[]?) NoPolicy(Random random, JsonObject settlement, CampaignTargets targets)
    {
        settlement["psn_no"] = targets.PersonWithoutPolicy;
        return ("no_policy_in_force", "setl_time", 422, null);
    }

    private static (string, string, int, byte[]?) ClosedYear(Random random, JsonObject settlement, CampaignTargets targets)
    {
        // The ledger keeps this year and the last; a settlement two years back is refused.
        settlement["setl_time"] = $"2022-{random.Next(1, 12):D2}-10T10:00:00";
        return ("closed_year", "setl_time", 409, null);
    }
}
