using System.Text;
using System.Text.Json.Nodes;

namespace Ledger.Reliability.Tests.Campaign;

/// <summary>
/// Malformed whole requests: wrong content types, oversized bodies and batches, bad person profiles
/// (carrying real-looking names and ID-card numbers, which must stay out of the logs), bad reversals
/// and unreadable query values on every read.
/// </summary>
public static class RequestCorruptions
{
    private const string Json = "application/json";
    private static readonly string[] OtherContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv"];

    public static IEnumerable<BadInput> Generate(Random random, CampaignTargets targets, int count)
    {
        Func<Random, CampaignTargets, int, BadInput>[] kinds = [ContentType, Profile, Profile, Profile, Reversal, Read, Read];
        for (var i = 0; i < count; i++)
        {
            yield return kinds[i % kinds.Length](random, targets, i);
        }
        foreach (var oversized in Oversized(targets))
        {
            yield return oversized;
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static BadInput ContentType(Random random, CampaignTargets targets, int i)
    {
        var contentType = random.Next(6) == 0 ? null : Pick(random, OtherContentTypes);
        var (path, body) = Pick(random, new (string, string)[]
        {
            ("api/settlements", $$"""{"setl_id":"S-ct-{{i}}","psn_no":"{{targets.Persons[0]}}"}"""),
            ($"api/persons/P-ct-{i}", """{"region_code":"350102","household_id":"H-ct","residence":"rural","insutype":"resident","identities":[]}"""),
            ($"api/settlements/{targets.RecordedSetlId}/reversal", $$"""{"psn_no":"{{targets.RecordedBy}}"}"""),
        });
        var method = path.StartsWith("api/persons", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
        return new BadInput("request.content_type", method, path, contentType, Encoding.UTF8.GetBytes(body), "content-type", 415);
    }

    /// <summary>A registration with one thing wrong, and a name and ID-card number that must never be logged.</summary>
    private static BadInput Profile(Random random, CampaignTargets targets, int i)
    {
        var profile = new JsonObject
        {
            ["region_code"] = "350102", ["household_id"] = $"H-bad-{i}", ["residence"] = "rural", ["insutype"] = "resident",
            ["identities"] = new JsonArray(new JsonObject { ["type"] = "dibao", ["begin"] = "2023-01-01", ["end"] = null }),
            ["psn_name"] = Pick(random, ["李建华", "王秀英", "张志强", "陈玉兰"]), ["certno"] = $"3501021975{random.Next(1, 12):D2}{random.Next(10, 28)}{random.Next(100, 999)}{random.Next(10)}",
        };
        var psnNo = $"P-bad-profile-{i}";
        string field;
        switch (i / 7 % 12)
        {
            case 0: profile["region_code"] = Pick(random, ["35", "abcdef", "3501021", "", "35O102"]); field = "region_code"; break;
            case 1: profile["residence"] = Pick(random, ["city", "", "RURAL", "农村"]); field = "residence"; break;
            case 2: profile["insutype"] = Pick(random, ["x", "", "310"]); field = "insutype"; break;
            case 3: profile["identities"]![0]!["type"] = Pick(random, ["poor", "", "Dibao", "低保"]); field = "identities[0].type"; break;
            case 4: profile["identities"]![0]!["end"] = "2022-12-31"; field = "identities[0].end"; break;
            case 5: profile["identities"]![0]!["begin"] = Pick(random, ["2024-13-01", "yesterday", "2024/01/01"]); field = "identities[0].begin"; break;
            case 6: profile["psn_name"] = new string('名', 65); field = "psn_name"; break;
            case 7: profile["identities"] = new JsonArray([.. Enumerable.Range(0, 33).Select(_ => new JsonObject { ["type"] = "dibao", ["begin"] = "2023-01-01" })]); field = "identities"; break;
            case 8: profile["household_id"] = new string('H', random.Next(65, 300)); field = "household_id"; break;
            case 9: profile[Pick(random, ["gender", "birthday", "phone"])] = "1"; field = ""; break;
            case 10: profile[Pick(random, ["region_code", "identities", "household_id", "residence"])] = null; field = ""; break;
            default: psnNo = new string('P', random.Next(65, 200)); field = "psn_no"; break;
        }
        if (field.Length == 0)
        {
            field = profile.Select(pair => pair.Key).First(key => key is "gender" or "birthday" or "phone" || profile[key] is null);
        }
        return new BadInput("person.profile", HttpMethod.Put, $"api/persons/{psnNo}", Json, Encoding.UTF8.GetBytes(profile.ToJsonString()), field, 400);
    }

    private static BadInput Reversal(Random random, CampaignTargets targets, int i) => (i / 7 % 4) switch
    {
        0 => new BadInput("reversal.missing_person", HttpMethod.Post, $"api/settlements/{targets.RecordedSetlId}/reversal", Json, "{}"u8.ToArray(), "psn_no", 400),
        1 => new BadInput("reversal.unknown_settlement", HttpMethod.Post, $"api/settlements/S-never-{i}/reversal", Json,
            Encoding.UTF8.GetBytes($$"""{"psn_no":"{{targets.RecordedBy}}"}"""), "setl_id", 404),
        2 => new BadInput("reversal.wrong_type", HttpMethod.Post, $"api/settlements/{targets.RecordedSetlId}/reversal", Json,
            Encoding.UTF8.GetBytes(Pick(random, ["""{"psn_no":42}""", """{"psn_no":["P"]}""", """{"psn_no":true}"""])), "psn_no", 400),
        _ => new BadInput("reversal.oversized_id", HttpMethod.Post, $"api/settlements/{new string('S', random.Next(65, 300))}/reversal", Json,
            Encoding.UTF8.GetBytes($$"""{"psn_no":"{{targets.RecordedBy}}"}"""), "setl_id", 400),
    };

    private static BadInput Read(Random random, CampaignTargets targets, int i)
    {
        var person = Pick(random, targets.Persons);
        var (path, field) = (i / 7 % 10) switch
        {
            0 => ($"api/persons/{person}?year={Pick(random, ["abc", "2024.5", "1e3", "二〇二四"])}", "year"),
            1 => ($"api/persons/{person}?year={Pick(random, ["1999", "2014", "3000", "-1", "2147483647"])}", "year"),
            2 => ($"api/households/H-any?year={Pick(random, ["abc", "1900", "99999"])}", "year"),
            3 => ($"api/regions/35/kpis?year={Pick(random, ["x", "0", "2999"])}", "year"),
            4 => ($"api/regions/35/monitoring?page={Pick(random, ["0", "-3", "x"])}", "page"),
            5 => ($"api/regions/35/monitoring?page_size={Pick(random, ["0", "501", "100000", "many"])}", "page_size"),
            6 => ($"api/regions/35/reports/monthly?month={Pick(random, ["2024-13", "2024", "March", "1999-01", "2024-00"])}", "month"),
            7 => ($"api/regions/{Pick(random, ["3", "350", "abcd", "3501020"])}/kpis", "region"),
            8 => ($"api/events/stream?region={Pick(random, ["", "3", "35x", "0000000"])}", "region"),
            _ => ($"api/persons/{new string('P', random.Next(65, 400))}", "psn_no"),
        };
        return new BadInput("read.query", HttpMethod.Get, path, null, [], field, 400);
    }

    private static IEnumerable<BadInput> Oversized(CampaignTargets targets)
    {
        var single = $$"""{"setl_id":"S-big","psn_no":"{{targets.Persons[0]}}","mdtrt_id":"{{new string('M', 70 * 1024)}}"}""";
        yield return new BadInput("request.oversized_single", HttpMethod.Post, "api/settlements", Json, Encoding.UTF8.GetBytes(single), "body", 413);
        var line = $$"""{"setl_id":"S-many","psn_no":"{{targets.Persons[0]}}"}""" + "\n";
        yield return new BadInput("request.batch_too_many_lines", HttpMethod.Post, "api/settlements", "application/x-ndjson",
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 10_001))), "body", 413);
        yield return new BadInput("request.batch_too_many_bytes", HttpMethod.Post, "api/settlements", "application/x-ndjson",
            new byte[(16 * 1024 * 1024) + 1].Select(_ => (byte)'{').ToArray(), "body", 413);
        var profile = $$"""{"region_code":"350102","household_id":"H-big","residence":"rural","insutype":"resident","identities":[],"psn_name":"{{new string('名', 40 * 1024)}}"}""";
        yield return new BadInput("request.oversized_profile", HttpMethod.Put, "api/persons/P-big", Json, Encoding.UTF8.GetBytes(profile), "body", 413);
    }
}
