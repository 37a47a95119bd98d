using Ledger.Contracts.Households;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ledger.Contracts.Persons;
using Ledger.Silo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Ledger.Api.Tests.Security;

/// <summary>The cluster is not an open door: no gateway unless configured, TLS on Orleans connections, HTTPS on the API.</summary>
[Collection(ApiCollection.Name)]
public sealed class TransportTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task A_default_silo_opens_no_gateway_and_a_real_Orleans_client_is_refused()
    {
        var endpoints = factory.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        var refused = await Record.ExceptionAsync(() => ConnectAndCall(EndpointOptions.DEFAULT_GATEWAY_PORT, tls: null));

        Assert.Equal(0, endpoints.GatewayPort);
        Refused(refused);
        Assert.DoesNotContain(EndpointOptions.DEFAULT_GATEWAY_PORT, ListeningPorts());
        Assert.Contains(endpoints.SiloPort, ListeningPorts());
    }

    [Fact]
    public async Task An_opened_gateway_with_TLS_refuses_a_plain_client_and_serves_one_with_a_certificate_of_the_authority()
    {
        using var certificates = new Certificates();
        var gatewayPort = LedgerApiFactory.FreePort();
        await using var silo = new ConfiguredSilo(new()
        {
            ["Ledger:SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Ledger:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Ledger:SiloTls:CertificatePath"] = certificates.CertificatePath,
            ["Ledger:SiloTls:KeyPath"] = certificates.KeyPath,
            ["Ledger:SiloTls:AuthorityPath"] = certificates.AuthorityPath,
            ["Ledger:ClusterId"] = TlsClusterId,
            ["Ledger:ServiceId"] = TlsClusterId,
        });
        _ = silo.Services;

        Refused(await Record.ExceptionAsync(() => ConnectAndCall(gatewayPort, tls: null, TlsClusterId)));
        // A client with a certificate, of the cluster whose ids the configuration gave, is served.
        Assert.Null(await ConnectAndCall(gatewayPort, certificates, TlsClusterId));
        Refused(await Record.ExceptionAsync(() => ConnectAndCall(gatewayPort, certificates, new LedgerOptions().ClusterId)));
    }

    [Fact]
    public void A_certificate_is_issued_by_its_own_authority_and_not_by_another_one()
    {
        using var ours = new Certificates();
        using var theirs = new Certificates();

        Assert.True(SiloTls.IssuedBy(ours.Leaf, ours.Authority));
        Assert.False(SiloTls.IssuedBy(theirs.Leaf, ours.Authority));
        Assert.False(SiloTls.IssuedBy(ours.Leaf, theirs.Authority));
    }

    [Fact]
    public void Silo_TLS_without_the_issuing_authority_refuses_to_start_naming_the_setting()
    {
        using var certificates = new Certificates();
        using var silo = new ConfiguredSilo(new()
        {
            ["Ledger:SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Ledger:SiloTls:CertificatePath"] = certificates.CertificatePath,
            ["Ledger:SiloTls:KeyPath"] = certificates.KeyPath,
        });

        var refused = Assert.ThrowsAny<Exception>(() => silo.Services);

        Assert.Contains(SiloTls.AuthorityRequired, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_serves_HTTPS_with_a_certificate_from_configuration()
    {
        using var certificates = new Certificates();
        var port = LedgerApiFactory.FreePort();
        using var process = SiloProcess.StartBare([], new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port}",
            ["Kestrel__Endpoints__Https__Certificate__Path"] = certificates.CertificatePath,
            ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = certificates.KeyPath,
            ["Ledger__SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
        });
        try
        {
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (certificate is not null && SiloTls.IssuedBy(certificate, certificates.Authority)),
            };
            using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await Poll.Until(async () =>
            {
                try
                {
                    return (await https.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
                catch (TaskCanceledException)
                {
                    return false; // listening, not answering yet
                }
            }, $"the silo to answer /health over HTTPS on port {port}", 120_000, 250);
            using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{port}/health"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_container_probe_finds_a_silo_that_listens_only_on_its_Kestrel_HTTPS_endpoint()
    {
        // As a container runs it: the probe gets the silo's environment and no address, and the
        // certificate is issued by an authority the machine does not trust.
        using var certificates = new Certificates();
        var port = LedgerApiFactory.FreePort();
        var environment = HttpsOnly($"https://0.0.0.0:{port}", certificates.CertificatePath, certificates.KeyPath);
        await WithSilo(environment, async process =>
        {
            var last = await ProbeUntil(process, environment, answer => answer.Exit == 0, "probe ready to exit 0 for the HTTPS-only silo");
            Assert.StartsWith("ready: 200", last.Output, StringComparison.Ordinal);
            var given = await SiloProcess.ProbeAsync("live", environment, new Uri($"https://127.0.0.1:{port}/"));
            Assert.True(given.Exit == 0, given.Output);
        });
    }

    [Fact]
    public async Task The_container_probe_refuses_a_silo_that_presents_another_certificate_than_the_configured_one()
    {
        // The silo serves B; the probe's configuration pins A. B is of an authority the machine does
        // not trust, as A is: only the pin could let it through, and it must not.
        using var served = new Certificates();
        using var pinned = new Certificates();
        var port = LedgerApiFactory.FreePort();
        var silo = HttpsOnly($"https://0.0.0.0:{port}", served.CertificatePath, served.KeyPath);
        var probe = new Dictionary<string, string>(silo) { ["Kestrel__Endpoints__Https__Certificate__Path"] = pinned.CertificatePath };
        await WithSilo(silo, async process =>
        {
            await ProbeUntil(process, silo, answer => answer.Exit == 0, "probe ready to exit 0 with the silo's own configuration");

            var refused = await SiloProcess.ProbeAsync("ready", probe);
            var given = await SiloProcess.ProbeAsync("ready", probe, new Uri($"https://127.0.0.1:{port}/"));

            var why = $"refused https://127.0.0.1:{port}/: the silo presented certificate SHA-256 {served.Leaf.GetCertHashString(HashAlgorithmName.SHA256)}, not the one of Certificate:Path (SHA-256 {pinned.Leaf.GetCertHashString(HashAlgorithmName.SHA256)})";
            Assert.Equal((1, $"ready: {why}"), (refused.Exit, refused.Output.Trim()));
            Assert.Equal((1, $"ready: {why}"), (given.Exit, given.Output.Trim()));
            Assert.DoesNotContain("PRIVATE KEY", refused.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("probe-test-operator-key", refused.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_container_probe_reads_a_relative_certificate_path_beside_the_binaries_as_Kestrel_does()
    {
        // Kestrel resolves Certificate:Path from the silo's content root (its binaries' folder); the
        // probe runs from another working directory, as a health check started elsewhere would.
        using var certificates = new Certificates();
        var port = LedgerApiFactory.FreePort();
        var binaries = Path.GetDirectoryName(SiloProcess.SiloAssemblyPath)!;
        var environment = HttpsOnly($"https://127.0.0.1:{port}", Path.GetRelativePath(binaries, certificates.CertificatePath), certificates.KeyPath);
        Assert.NotEqual(Path.GetFullPath(binaries), Path.GetFullPath(Environment.CurrentDirectory));
        await WithSilo(environment, async process =>
        {
            var last = await ProbeUntil(process, environment, answer => answer.Exit == 0 || answer.Output.Contains("refused", StringComparison.Ordinal),
                "probe ready to exit 0 or refuse the certificate");

            Assert.True(last.Exit == 0, last.Output);
            Assert.StartsWith("ready: 200", last.Output, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// A silo listening only on its Kestrel HTTPS endpoint at <paramref name="url"/>, with keys of its own
    /// (development keys are refused off loopback).
    /// </summary>
    private static Dictionary<string, string> HttpsOnly(string url, string certificatePath, string keyPath) => new()
    {
        ["Kestrel__Endpoints__Https__Url"] = url,
        ["Kestrel__Endpoints__Https__Certificate__Path"] = certificatePath,
        ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = keyPath,
        ["Ledger__SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Ledger__ApiKeys__0__Id"] = "probe-test-operator",
        ["Ledger__ApiKeys__0__Key"] = "probe-test-operator-key",
        ["Ledger__ApiKeys__0__Role"] = "operator",
    };

    /// <summary>Runs <paramref name="test"/> against a silo process started with <paramref name="environment"/>, and stops it.</summary>
    private static async Task WithSilo(Dictionary<string, string> environment, Func<System.Diagnostics.Process, Task> test)
    {
        using var process = SiloProcess.StartBare([], environment);
        try
        {
            await test(process);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Probes ready with <paramref name="environment"/> until <paramref name="done"/> holds (the silo may still be starting).</summary>
    private static async Task<(int Exit, string Output)> ProbeUntil(
        System.Diagnostics.Process process, Dictionary<string, string> environment, Func<(int Exit, string Output), bool> done, string awaited)
    {
        var last = (Exit: -1, Output: "");
        await Poll.Until(async () =>
        {
            Assert.False(process.HasExited, "the silo exited before it was ready");
            last = await SiloProcess.ProbeAsync("ready", environment);
            return done(last);
        }, awaited, 120_000, 250);
        return last;
    }

    /// <summary>The connection was refused outright, not merely left unanswered until the deadline.</summary>
    private static void Refused(Exception? refused)
    {
        Assert.NotNull(refused);
        Assert.False(refused is OperationCanceledException or TimeoutException, $"expected a refusal, got a wait that ran out: {refused}");
    }

    /// <summary>Connects an Orleans client to a gateway and calls a grain; throws when it cannot.</summary>
    private const string TlsClusterId = "ledger-tls-test";

    private static async Task<MemberYearView?> ConnectAndCall(int gatewayPort, Certificates? tls, string? clusterId = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            // A refusal is the answer we look for: fail on the first one rather than retry until the deadline.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId ?? new LedgerOptions().ClusterId, clusterId ?? new LedgerOptions().ServiceId));
            if (tls is not null)
            {
                client.UseTls(tls.Leaf, options => SiloTls.Configure(options, tls.Authority));
            }
        });
        using var host = builder.Build();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(deadline.Token);
        try
        {
            return await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IHouseholdGrain>("H-nobody").GetMember("P-nobody", 2022).WaitAsync(deadline.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>TCP ports this test process listens on (Linux: /proc), the silos hosted in it included.</summary>
    private static HashSet<int> ListeningPorts()
    {
        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // State 0A is LISTEN; the local address is hex "address:port".
                if (columns.Length > 3 && columns[3] == "0A")
                {
                    ports.Add(int.Parse(columns[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }
        return ports;
    }

    /// <summary>The silo app with settings of a test's own (its own Orleans ports).</summary>
    private sealed class ConfiguredSilo(Dictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
