using YamlDotNet.RepresentationModel;

namespace Ledger.Api.Tests.Operations;

/// <summary>The container health checks ask for readiness, with the probe the silo binary carries.</summary>
public sealed class DeploymentFilesTests
{
    private static readonly string[] ReadyProbe = ["dotnet", "Ledger.Silo.dll", "probe", "ready"];

    [Fact]
    public void Compose_waits_for_ready_silos_and_gives_them_time_to_drain()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Repository.Path("docker-compose.yml"))))
        {
            yaml.Load(reader);
        }
        var silo = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["x-silo"];
        var test = ((YamlSequenceNode)((YamlMappingNode)silo["healthcheck"])["test"]).Children.Select(node => node.ToString()).ToArray();

        Assert.Equal(["CMD", .. ReadyProbe], test);
        Assert.Equal("35s", silo["stop_grace_period"].ToString());
    }

    [Fact]
    public void The_silo_image_checks_readiness_with_its_own_probe()
    {
        var healthcheck = File.ReadAllLines(Repository.Path("silo/Dockerfile")).Single(line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));

        Assert.EndsWith($"CMD [{string.Join(", ", ReadyProbe.Select(arg => $"\"{arg}\""))}]", healthcheck, StringComparison.Ordinal);
    }
}
