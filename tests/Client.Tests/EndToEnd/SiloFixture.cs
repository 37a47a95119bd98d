namespace Ledger.Client.Tests.EndToEnd;

/// <summary>One silo for all end-to-end tests (collection <see cref="SiloCollection"/>); started once, stopped at the end.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("the silo has not started");

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
