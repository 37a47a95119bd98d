using System.Net;
using Ledger.Silo.Security.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The trail pages back past its newest 1 000 lines: a full page links to the lines older than its last
/// one (before = its at, before_id = its id), lines written at the same instant neither repeated nor
/// skipped across a page's end, and a cursor that cannot be read is a 400 naming it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuditPagingTests(LedgerApiFactory factory)
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Lines written in the same instant: 1 000 is not a multiple of it, so the first page ends inside one.</summary>
    private const int SameInstant = 7;

    [Fact]
    public async Task An_operator_pages_from_the_newest_line_to_the_oldest_by_the_next_link()
    {
        var subject = $"person:{Wire.Id("P")}";
        await Record(subject, 1_005);
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);

        var first = await operatorClient.GetAsync($"/api/audit?subject={subject}&limit=1000");
        var next = Assert.Single(first.Headers.GetValues("Link"));
        var second = await operatorClient.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(Enumerable.Range(5, 1_000).Reverse(), await Numbers(first));
        Assert.EndsWith("; rel=\"next\"", next, StringComparison.Ordinal);
        Assert.Equal([4, 3, 2, 1, 0], await Numbers(second));
        Assert.False(second.Headers.Contains("Link"), "a page shorter than its limit is the last");
    }

    [Fact]
    public async Task Before_alone_finds_the_lines_older_than_an_instant_and_with_before_id_those_after_a_line_of_it()
    {
        var subject = $"person:{Wire.Id("P")}";
        var lines = await Record(subject, 30);
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);
        // Lines 14 to 20 share one instant, line 17 among them.
        var at = Uri.EscapeDataString(lines[17].At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));

        var older = await operatorClient.GetAsync($"/api/audit?subject={subject}&before={at}");
        var afterLine17 = await operatorClient.GetAsync($"/api/audit?subject={subject}&before={at}&before_id={lines[17].Id}&limit=5");

        Assert.Equal(Enumerable.Range(0, 14).Reverse(), await Numbers(older));
        Assert.Equal([16, 15, 14, 13, 12], await Numbers(afterLine17));
    }

    [Theory]
    [InlineData("before=2026-11-30T09:00:00", "before")]
    [InlineData("before=yesterday", "before")]
    [InlineData("before=2026-11-30T09:00:00 08:00", "before")]
    [InlineData("before_id=12", "before_id")]
    [InlineData("before=2026-11-30T09:00:00Z&before_id=0", "before_id")]
    [InlineData("before=2026-11-30T09:00:00Z&before_id=twelve", "before_id")]
    public async Task A_cursor_that_cannot_be_read_is_a_400_naming_it(string query, string field)
    {
        var response = await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await Wire.Body(response)).GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Fact]
    public async Task Every_bad_parameter_is_named_in_one_problem()
    {
        var response = await factory.Client(LedgerApiFactory.OperatorKey).GetAsync("/api/audit?limit=0&before=yesterday&before_id=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["limit", "before", "before_id"], (await Wire.Body(response)).GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    /// <summary>Lines 0 to count − 1 of the subject, <see cref="SameInstant"/> to an instant, their number as outcome; as recorded.</summary>
    private async Task<IReadOnlyList<AuditEntry>> Record(string subject, int count)
    {
        var trail = factory.Services.GetRequiredService<IAuditTrail>();
        await trail.Record([.. Enumerable.Range(0, count).Select(line =>
            new AuditEntry(Morning.AddSeconds(line / SameInstant), "paging", AuditEntry.Read, subject, line.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            CancellationToken.None);
        var recorded = await trail.Find(new AuditQuery(subject, null, count), CancellationToken.None);
        return [.. recorded.OrderBy(line => int.Parse(line.Outcome, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task<List<int>> Numbers(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Wire.Body(response)).EnumerateArray().Select(line => int.Parse(line.GetProperty("outcome").GetString()!, System.Globalization.CultureInfo.InvariantCulture))];
    }
}
