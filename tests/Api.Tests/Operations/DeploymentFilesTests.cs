using YamlDotNet.RepresentationModel;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The container health checks ask for readiness, with the probe the silo binary carries; the database
/// ends the sessions of a silo whose host died within seconds; compose's Prometheus finds its configuration and key.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string[] ReadyProbe = ["dotnet", "Ledger.Silo.dll", "probe", "ready"];

    [Fact]
    public void Compose_waits_for_ready_silos_and_gives_them_time_to_drain()
    {
        var silo = (YamlMappingNode)Compose()["x-silo"];
        var test = ((YamlSequenceNode)((YamlMappingNode)silo["healthcheck"])["test"]).Children.Select(node => node.ToString()).ToArray();

        Assert.Equal(["CMD", .. ReadyProbe], test);
        Assert.Equal("35s", silo["stop_grace_period"].ToString());
    }

    [Fact]
    public void Compose_has_the_database_end_a_dead_hosts_sessions_within_25_s()
    {
        var postgres = (YamlMappingNode)((YamlMappingNode)Compose()["services"])["postgres"];
        var command = ((YamlSequenceNode)postgres["command"]).Children.Select(node => node.ToString()).ToArray();

        Assert.Equal(["postgres", "-c", "tcp_keepalives_idle=10", "-c", "tcp_keepalives_interval=5", "-c", "tcp_keepalives_count=3"], command);
    }

    [Fact]
    public void The_silo_image_checks_readiness_with_its_own_probe()
    {
        var healthcheck = File.ReadAllLines(Repository.Path("silo/Dockerfile")).Single(line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));

        Assert.EndsWith($"CMD [{string.Join(", ", ReadyProbe.Select(arg => $"\"{arg}\""))}]", healthcheck, StringComparison.Ordinal);
    }

    /// <summary>
    /// Compose's Prometheus runs deploy/prometheus/prometheus.yml as that file expects: its folder mounted
    /// read-only where --config.file points (so its rule files resolve), the operator key where its
    /// password_file reads it, as a compose secret and outside every mount (Docker cannot make a mount
    /// point inside a read-only one), and its targets the silo services at their container port. Under a
    /// profile: the default <c>up</c> needs no key file.
    /// </summary>
    [Fact]
    public void Compose_runs_prometheus_with_its_configuration_and_the_operator_key_where_prometheus_yml_reads_them()
    {
        var compose = Compose();
        var services = (YamlMappingNode)compose["services"];
        var prometheus = (YamlMappingNode)services["prometheus"];
        var configFile = Assert.Single(Strings(prometheus["command"]), arg => arg.StartsWith("--config.file=", StringComparison.Ordinal))["--config.file=".Length..];
        var configFolder = configFile[..configFile.LastIndexOf('/')];
        var mounts = Strings(prometheus["volumes"]).Select(volume => volume.Split(':')).ToList();
        var scraping = PrometheusConfiguration();
        var job = (YamlMappingNode)((YamlSequenceNode)scraping["scrape_configs"]).Children.Single();
        var keyFile = ((YamlMappingNode)job["basic_auth"])["password_file"].ToString();

        Assert.Equal(["monitoring"], Strings(prometheus["profiles"]));
        Assert.Equal(["./deploy/prometheus", configFolder, "ro"], Assert.Single(mounts, mount => mount[0].StartsWith("./", StringComparison.Ordinal)));
        Assert.True(File.Exists(Repository.Path("deploy/prometheus" + configFile[configFolder.Length..])), $"{configFile} is not in deploy/prometheus");
        Assert.All(Strings(scraping["rule_files"]), rules => Assert.True(File.Exists(Repository.Path($"deploy/prometheus/{rules}")), $"rule file {rules}"));
        var secret = Assert.Single(Strings(prometheus["secrets"]));
        Assert.Equal($"/run/secrets/{secret}", keyFile);
        Assert.DoesNotContain(mounts, mount => keyFile.StartsWith(mount[1] + "/", StringComparison.Ordinal));
        Assert.Equal("${LEDGER_OPERATOR_KEY_FILE:-./secrets/ledger-operator-key}", ((YamlMappingNode)((YamlMappingNode)compose["secrets"])[secret])["file"].ToString());
        Assert.Contains("/secrets/", File.ReadAllLines(Repository.Path(".gitignore")));
        var targets = ((YamlSequenceNode)job["static_configs"]).Children.Cast<YamlMappingNode>().SelectMany(group => Strings(group["targets"])).ToList();
        Assert.Equal(["silo1:8080", "silo2:8080"], targets);
        Assert.All(targets, target => Assert.Contains(Strings(((YamlMappingNode)services[target.Split(':')[0]])["ports"]),
            port => port.EndsWith(":" + target.Split(':')[1], StringComparison.Ordinal)));
    }

    /// <summary>
    /// The runbook's one-time command keeps every secret the compose file demands in a git-ignored
    /// .env only its owner can read, so later commands (stop, ps, a rolling restart) find the same
    /// ones; run again it keeps them (a new personal-data key would orphan every stored hash).
    /// <c>.ci/run</c> runs <c>docker-compose config</c> with that file alone.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_compose_secrets_are_made_once_into_a_private_git_ignored_env_file_with_every_variable_compose_demands()
    {
        var folder = Directory.CreateTempSubdirectory("compose-secrets-");
        try
        {
            var env = Path.Combine(folder.FullName, ".env");
            var (first, firstOutput) = await Bash(Repository.Path("deploy/compose-secrets.sh"), env);
            var written = await File.ReadAllTextAsync(env);
            var (second, _) = await Bash(Repository.Path("deploy/compose-secrets.sh"), env);

            Assert.True(first == 0, $"exit {first}: {firstOutput}");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
            var values = written.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#'))
                .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
            var demanded = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Repository.Path("docker-compose.yml")), @"\$\{([A-Z_]+):\?")
                .Select(match => match.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["LEDGER_APP_DB_PASSWORD", "LEDGER_FEED_KEY", "LEDGER_OPERATOR_KEY", "LEDGER_PERSONAL_DATA_KEY", "POSTGRES_PASSWORD"], demanded);
            Assert.Equal(demanded, values.Keys.Order(StringComparer.Ordinal).ToArray());
            Assert.All(values.Values, value => Assert.Matches("^[0-9a-f]{32,}$|^[A-Za-z0-9+/]{43}=$", value));
            Assert.Equal(32, Convert.FromBase64String(values["LEDGER_PERSONAL_DATA_KEY"]).Length);
            Assert.Equal(1, second);
            Assert.Equal(written, await File.ReadAllTextAsync(env));
            Assert.Contains("/.env", File.ReadAllLines(Repository.Path(".gitignore")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> Bash(string script, string argument)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private static string[] Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(child => child.ToString())];

    private static YamlMappingNode PrometheusConfiguration() => Load("deploy/prometheus/prometheus.yml");

    private static YamlMappingNode Compose() => Load("docker-compose.yml");

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Repository.Path(path)));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
