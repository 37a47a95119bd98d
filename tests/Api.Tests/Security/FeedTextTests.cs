using System.Net;
using Ledger.Silo.Reports;

namespace Ledger.Api.Tests.Security;

/// <summary>Feed-controlled text: ids of a documented character set, CSV cells quoted and formula-safe.</summary>
[Collection(ApiCollection.Name)]
public sealed class FeedTextTests(LedgerApiFactory factory)
{
    [Theory]
    [InlineData("H-1/S-2")]
    [InlineData("H:1")]
    [InlineData("H 1")]
    [InlineData("户-1")]
    public async Task Ids_outside_the_character_set_are_refused_naming_the_field(string householdId)
    {
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);

        var person = await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId.Replace("\\", "\\\\", StringComparison.Ordinal))));
        var settlement = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(householdId.Replace('H', 'S'), psnNo, 100m, 80m)));

        Assert.Equal(HttpStatusCode.BadRequest, person.StatusCode);
        Assert.Contains("may contain only", (await Wire.Body(person)).GetProperty("errors").GetProperty("household_id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, settlement.StatusCode);
        Assert.True((await Wire.Body(settlement)).GetProperty("errors").TryGetProperty("setl_id", out _));
    }

    [Theory]
    [InlineData("P-1", "\"P-1\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-5", "\"'-5\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("a,b\nc", "\"a,b\nc\"")]
    [InlineData(null, "\"\"")]
    public void Csv_cells_are_quoted_and_never_a_formula(string? text, string cell) => Assert.Equal(cell, Csv.Cell(text));
}
