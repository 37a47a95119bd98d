using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Silo.Security;

/// <summary>
/// Development keys are public (README), so they may open only a silo nobody else can reach. Once
/// the server has bound its addresses, this switches them on if every one is loopback, and otherwise
/// stops the silo with exit code 1: until then they are refused like any unknown key.
/// </summary>
public sealed partial class DevelopmentKeyGuard(ApiKeyTable keys, IServer server, IHostApplicationLifetime lifetime, ILogger<DevelopmentKeyGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.IsDevelopment)
        {
            lifetime.ApplicationStarted.Register(Check);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(address => !IsLoopback(address)).ToList();
        if (exposed.Count == 0)
        {
            keys.EnableDevelopmentKeys();
            LogDevelopmentKeys(logger);
            return;
        }
        LogRefused(logger, string.Join(", ", exposed));
        Environment.ExitCode = Hosting.StartupRefusal.ExitCode;
        lifetime.StopApplication();
    }

    /// <summary>A bound address such as <c>http://127.0.0.1:5080</c>, <c>http://[::1]:5080</c> or <c>http://localhost:5080</c>.</summary>
    public static bool IsLoopback(string address)
    {
        var hostStart = address.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var rest = address[hostStart..];
        var host = rest.StartsWith('[') ? rest[1..rest.IndexOf(']', StringComparison.Ordinal)] : rest.Split(':', '/')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys configured: the documented development keys are accepted (this silo listens on loopback only)")]
    private static partial void LogDevelopmentKeys(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to run with the development keys on {Addresses}: they serve only a silo bound to loopback. Configure Ledger:ApiKeys or bind to 127.0.0.1")]
    private static partial void LogRefused(ILogger logger, string addresses);
}
