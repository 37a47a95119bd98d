using YamlDotNet.RepresentationModel;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The container health checks ask for readiness, with the probe the silo binary carries; the database
/// ends the sessions of a silo whose host died within seconds.
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

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Repository.Path("docker-compose.yml")));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
