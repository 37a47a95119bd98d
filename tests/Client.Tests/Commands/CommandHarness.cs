using Ledger.Client.Cli;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.Commands;

/// <summary>Runs the real command tree in-process against a fake server, capturing stdout and stderr.</summary>
public sealed class CommandHarness(FakeHandler handler) : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ledger-client-tests-").FullName;

    public string Out => _out.ToString();

    /// <summary>What a command wrote to stdout as bytes (data passed on as the server sent it).</summary>
    public MemoryStream OutBytes { get; } = new();

    public string Error => _error.ToString();

    public FakeHandler Handler => handler;

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        LedgerCommandLine.RunAsync(CliContext.Plain(_out, _error, () => handler, Quick.Retry, outBytes: OutBytes), ["--url", "http://ledger.test", .. args], cancellationToken);

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
