using System.Net;
using System.Net.Sockets;
using System.Text;
using Ledger.Client.Http;
using Ledger.Client.Tests.Commands;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.Security;

/// <summary>The CLI keeps its key: read from a file or the environment, never sent on to where a redirect points.</summary>
public sealed class KeyHandlingTests
{
    private const string Person = """{ "psn_no": "P-1", "household_id": "H-1", "region_code": "350102", "residence": "rural", "insutype": "resident", "identities": [], "year": 2022, "totals": {}, "thresholds": [] }""";

    [Fact]
    public async Task The_key_comes_from_a_file_and_an_explicit_key_wins()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, Person))));
        var path = cli.File("key", "key-from-file-0815\n");

        Assert.Equal(0, await cli.RunAsync("--key-file", path, "person", "P-1", "--year", "2022"));
        Assert.Equal(0, await cli.RunAsync("--key-file", path, "--key", "typed-key", "person", "P-1", "--year", "2022"));

        Assert.Equal(["key-from-file-0815", "typed-key"], cli.Handler.Requests.Select(request => request.ApiKey));
    }

    [Fact]
    public async Task An_unreadable_key_file_is_a_usage_error()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("no request expected")));

        var exit = await cli.RunAsync("--key-file", Path.Combine(cli.Directory, "missing"), "person", "P-1");

        Assert.Equal(2, exit);
        Assert.Contains("--key-file: cannot read", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_key_never_reaches_the_host_it_names()
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var elsewherePort = ((IPEndPoint)elsewhere.LocalEndpoint).Port;
        using var silo = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        var answering = AnswerOnce(silo, $"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{elsewherePort}/api/persons/P-1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var http = LedgerHttp.Create(new ServerOptions(new Uri($"http://127.0.0.1:{((IPEndPoint)silo.LocalEndpoint).Port}/"), "the-key-4711"), connectionsMax: 1);

        using var response = await http.GetAsync("api/persons/P-1");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Contains("X-Api-Key: the-key-4711", await answering, StringComparison.Ordinal);
        using var nobody = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await elsewhere.AcceptTcpClientAsync(nobody.Token));
    }

    /// <summary>Accepts one connection, reads its request head, answers it; returns the request head.</summary>
    private static async Task<string> AnswerOnce(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        return head.ToString();
    }
}
