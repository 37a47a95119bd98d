using System.CommandLine;
using Ledger.Client.Http;

namespace Ledger.Client.Cli;

/// <summary>The options every command that talks to a server takes: where it is and which key to show.</summary>
public sealed class GlobalOptions
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = $"Base URL of the silo's API; several silos of one cluster comma-separated, used in turn and around one that is down (env {ServerOptions.UrlVariable}).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerOptions.UrlVariable) is { Length: > 0 } url ? url : ServerOptions.DefaultUrl,
        Recursive = true,
        HelpName = "URL",
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"API key sent as {ServerOptions.KeyHeader} (env {ServerOptions.KeyVariable}); none if unset.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerOptions.KeyVariable) is { Length: > 0 } key ? key : null,
        Recursive = true,
        HelpName = "KEY",
    };

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = $"File whose first line is the API key (env {ServerOptions.KeyFileVariable}): keeps the key out of the command line and the process list.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerOptions.KeyFileVariable) is { Length: > 0 } path ? path : null,
        Recursive = true,
        HelpName = "PATH",
    };

    public ServerOptions Server(ParseResult parse)
    {
        var urls = (parse.GetValue(Url) ?? ServerOptions.DefaultUrl).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            throw new UsageException("--url: give at least one http:// or https:// URL");
        }
        return new ServerOptions(urls.Select(BaseUrl).ToList(), ApiKey(parse));
    }

    /// <summary>--key as typed, else the key file, else LEDGER_API_KEY.</summary>
    private string? ApiKey(ParseResult parse)
    {
        if (parse.GetResult(Key) is { Implicit: false })
        {
            return parse.GetValue(Key);
        }
        if (parse.GetValue(KeyFile) is { } path)
        {
            try
            {
                return File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } key
                    ? key
                    : throw new UsageException($"--key-file: {path} holds no key on its first line");
            }
            catch (IOException error)
            {
                throw new UsageException($"--key-file: cannot read {path}: {error.Message}");
            }
            catch (UnauthorizedAccessException error)
            {
                throw new UsageException($"--key-file: cannot read {path}: {error.Message}");
            }
        }
        return parse.GetValue(Key);
    }

    private static Uri BaseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--url: '{url}' is not an http:// or https:// URL");
        }
        // Relative API paths resolve under the base, so a base behind a path prefix keeps its prefix.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
