using System.Net;
using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>A request with several bad fields names every one of them, so a feed fixes its message once, and applies none of it.</summary>
[Collection(ApiCollection.Name)]
public sealed class EveryBadFieldTests(LedgerApiFactory factory)
{
    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);

    [Fact]
    public async Task A_settlement_with_three_bad_fields_names_all_three_and_records_nothing()
    {
        var psnNo = Wire.Id("P");
        await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))));
        var setlId = Wire.Id("S");
        var bad = Wire.Settlement(setlId, psnNo, 1_000m, 1_000m).Replace("\"med_type\":\"21\"", "\"med_type\":\"99\"", StringComparison.Ordinal)
            .Replace("\"hosp_lv\":3", "\"hosp_lv\":7", StringComparison.Ordinal).Replace("\"overlmt_selfpay\":0", "\"overlmt_selfpay\":-1", StringComparison.Ordinal);

        var refused = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(bad));
        var recorded = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 1_000m, 1_000m)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await Wire.Body(refused);
        Assert.Equal(["med_type", "hosp_lv", "overlmt_selfpay"], problem.GetProperty("errors").EnumerateObject().Select(field => field.Name));
        Assert.Equal("must not be negative", problem.GetProperty("errors").GetProperty("overlmt_selfpay")[0].GetString());
        Assert.Equal("med_type: must be a national med_type code: 11 outpatient, 14 chronic/special outpatient, 21 inpatient (or a related code); "
            + "hosp_lv: must be 1, 2 or 3; overlmt_selfpay: must not be negative", problem.GetProperty("detail").GetString());
        // Nothing of the refused request was applied: the same setl_id, well formed, is new.
        Assert.Equal("recorded", (await Wire.Body(recorded)).GetProperty("status").GetString());
    }

    /// <summary>
    /// Bad ids are refused at the edge (they cannot be routed), yet the problem names the other bad fields
    /// with them, as the household names a settlement's: one problem, one fix, single or a batch line.
    /// </summary>
    [Fact]
    public async Task A_settlement_with_a_bad_id_and_bad_amounts_names_the_id_and_the_amounts()
    {
        var psnNo = Wire.Id("P");
        string Bad(string setlId, string person) => Wire.Settlement(setlId, person, 1_000m, 1_000m)
            .Replace("\"hosp_lv\":3", "\"hosp_lv\":7", StringComparison.Ordinal).Replace("\"overlmt_selfpay\":0", "\"overlmt_selfpay\":-1", StringComparison.Ordinal);

        var single = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Bad("S x", psnNo)));
        var batch = await _feed.PostAsync("/api/settlements", new StringContent(
            Bad("S y", psnNo).ReplaceLineEndings("") + "\n" + Bad(Wire.Id("S"), "P x").ReplaceLineEndings("") + "\n", System.Text.Encoding.UTF8, "application/x-ndjson"));
        var reversal = await _feed.PostAsync("/api/settlements/S%20z/reversal", LedgerApiFactory.Json("""{"psn_no":"P z"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Equal(["setl_id", "hosp_lv", "overlmt_selfpay"], (await Wire.Body(single)).GetProperty("errors").EnumerateObject().Select(field => field.Name));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var lines = (await batch.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([("rejected", 400, "setl_id,hosp_lv,overlmt_selfpay"), ("rejected", 400, "psn_no,hosp_lv,overlmt_selfpay")],
            lines.Select(line => (line.GetProperty("status").GetString(), line.GetProperty("error").GetProperty("status").GetInt32(),
                string.Join(',', line.GetProperty("error").GetProperty("errors").EnumerateObject().Select(field => field.Name)))));
        Assert.Equal(HttpStatusCode.BadRequest, reversal.StatusCode);
        Assert.Equal(["psn_no", "setl_id"], (await Wire.Body(reversal)).GetProperty("errors").EnumerateObject().Select(field => field.Name));
    }

    [Fact]
    public async Task Missing_required_fields_are_named_together()
    {
        var response = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json("""
            {"setl_id":"S-x","psn_no":"P-x","setl_time":"2022-03-01T10:00:00","hosp_lv":3,"inscp_scp_amt":1}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Wire.Body(response)).GetProperty("errors");
        Assert.Equal(["med_type", "medfee_sumamt"], errors.EnumerateObject().Select(field => field.Name).Order(StringComparer.Ordinal));
        Assert.All(errors.EnumerateObject(), field => Assert.Equal("is required", field.Value[0].GetString()));
    }

    [Fact]
    public async Task A_registration_with_two_bad_fields_names_both_in_a_batch_line_too()
    {
        var psnNo = Wire.Id("P");
        var person = Wire.Person(Wire.Id("H")).Replace("\"rural\"", "\"village\"", StringComparison.Ordinal).Replace("\"resident\"", "\"farmer\"", StringComparison.Ordinal);

        var single = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(person));
        var line = "{\"psn_no\":\"" + psnNo + "\"," + person.Trim()[1..].ReplaceLineEndings("");
        var batch = await _feed.PostAsync("/api/persons", new StringContent(line, System.Text.Encoding.UTF8, "application/x-ndjson"));
        var read = await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}");

        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Equal(["residence", "insutype"], (await Wire.Body(single)).GetProperty("errors").EnumerateObject().Select(field => field.Name));
        var answer = JsonDocument.Parse((await batch.Content.ReadAsStringAsync()).Split('\n')[0]).RootElement;
        Assert.Equal(("rejected", "residence: must be rural or urban; insutype: must be resident or employee"),
            (answer.GetProperty("status").GetString(), answer.GetProperty("error").GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_registration_with_a_bad_psn_no_and_bad_fields_names_them_all_in_a_batch_line_too()
    {
        var person = Wire.Person(Wire.Id("H")).Replace("\"rural\"", "\"village\"", StringComparison.Ordinal);

        var single = await _feed.PutAsync("/api/persons/P%20x", LedgerApiFactory.Json(person));
        var line = "{\"psn_no\":\"P x\"," + person.Trim()[1..].ReplaceLineEndings("");
        var batch = await _feed.PostAsync("/api/persons", new StringContent(line, System.Text.Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Equal(["psn_no", "residence"], (await Wire.Body(single)).GetProperty("errors").EnumerateObject().Select(field => field.Name));
        var answer = JsonDocument.Parse((await batch.Content.ReadAsStringAsync()).Split('\n')[0]).RootElement;
        Assert.Equal(("rejected", 400, "psn_no,residence"), (answer.GetProperty("status").GetString(), answer.GetProperty("error").GetProperty("status").GetInt32(),
            string.Join(',', answer.GetProperty("error").GetProperty("errors").EnumerateObject().Select(field => field.Name))));
    }
}
