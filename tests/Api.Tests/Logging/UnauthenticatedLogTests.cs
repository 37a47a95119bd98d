using System.Net;

namespace Ledger.Api.Tests.Logging;

/// <summary>
/// Requests without a key, or with one the silo does not know, are the audit trail's (under key id
/// <c>(unknown)</c>, rate-limited), not the console's: 3 000 of them used to write 6 000 lines of
/// "AuthenticationScheme: ApiKey was challenged" at information level, a log anyone on the network could fill.
/// </summary>
public sealed class UnauthenticatedLogTests
{
    private const int EachKind = 300;

    /// <summary>What the silo may write on its way out after the window: the drain's few lines.</summary>
    private const int LinesAllowed = 10;

    [Fact]
    public async Task Hundreds_of_requests_without_a_key_or_with_an_unknown_key_write_no_line_each()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.Url, Timeout = TimeSpan.FromSeconds(10) };
        var from = DateTime.UtcNow;

        for (var index = 0; index < EachKind; index++)
        {
            using var withoutKey = await http.GetAsync($"api/persons/P{index}");
            using var unknown = new HttpRequestMessage(HttpMethod.Get, $"api/persons/P{index}") { Headers = { { "X-Api-Key", $"not-a-key-{index}" } } };
            using var withUnknownKey = await http.SendAsync(unknown);
            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, withUnknownKey.StatusCode);
        }
        // Everything the requests made the silo write has been written once it has exited.
        silo.Terminate();
        await silo.WaitForExitAsync();

        var lines = silo.LinesBetween(from, DateTime.UtcNow.AddMinutes(1)).Where(line => line.Length > 0).ToList();
        Assert.True(lines.Count <= LinesAllowed && !lines.Any(line => line.Contains("ApiKey", StringComparison.Ordinal)),
            $"{lines.Count} lines after {2 * EachKind} unauthenticated requests, at most {LinesAllowed} expected:\n{string.Join('\n', lines.Take(40))}");
    }
}
