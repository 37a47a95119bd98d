using System.Net;
using Ledger.Client.Cli;
using Ledger.Client.Http;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Client.Tests.Feeding;

public sealed class FailoverTests
{
    private static readonly Uri[] Silos = [new("http://silo-a:8080/"), new("http://silo-b:8080/")];

    [Fact]
    public async Task Requests_go_round_robin_and_around_a_silo_that_refuses_connections_until_it_is_due_again()
    {
        var time = new FakeTimeProvider();
        var hosts = new List<string>();
        var handler = new FailoverHandler(Silos, time)
        {
            InnerHandler = new Relay(request =>
            {
                hosts.Add(request.RequestUri!.Host);
                return request.RequestUri.Host == "silo-b" && time.GetUtcNow() < time.Start + TimeSpan.FromSeconds(30)
                    ? throw new HttpRequestException("Connection refused (silo-b:8080)")
                    : new HttpResponseMessage(HttpStatusCode.OK);
            }),
        };
        using var http = new HttpClient(handler) { BaseAddress = Silos[0] };

        for (var i = 0; i < 4; i++)
        {
            try
            {
                await http.GetAsync($"api/kpis/{i}");
            }
            catch (HttpRequestException)
            {
                // The caller's retry rules resend it; here only the routing is under test.
            }
        }
        time.Advance(FailoverHandler.DownFor + TimeSpan.FromSeconds(30));
        await http.GetAsync("api/kpis/4");
        await http.GetAsync("api/kpis/5");

        Assert.Equal(["silo-a", "silo-b", "silo-a", "silo-a", "silo-b", "silo-a"], hosts);
    }

    [Fact]
    public void Url_option_takes_a_comma_separated_list_of_silos()
    {
        var global = new GlobalOptions();
        var command = new System.CommandLine.RootCommand { global.Url, global.Key };

        var server = global.Server(command.Parse(["--url", "http://silo-a:8080, http://silo-b:8080/ledger"]));

        Assert.Equal(["http://silo-a:8080/", "http://silo-b:8080/ledger/"], server.BaseUrls.Select(url => url.AbsoluteUri));
        Assert.Throws<UsageException>(() => global.Server(command.Parse(["--url", "http://silo-a:8080,ftp://silo-b"])));
    }

    private sealed class Relay(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
