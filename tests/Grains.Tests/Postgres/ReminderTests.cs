using Ledger.Grains.Tests.Cluster;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>A grain that only exists to exercise the reminder table through the ADO.NET provider.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(string name);

    Task<string[]> Names();

    Task Unregister(string name);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public Task Register(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<string[]> Names() => [.. (await this.GetReminders()).Select(reminder => reminder.ReminderName).Order()];

    public async Task Unregister(string name) => await this.UnregisterReminder((await this.GetReminder(name))!);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

public sealed class ReminderTests : IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;

    public ReminderTests(PostgresDatabase database) => _database = database;

    [Fact]
    public async Task Reminders_are_stored_read_back_after_restart_and_removed()
    {
        var key = Build.Id("R");
        await using (var cluster = await DurableCluster.Start(_database))
        {
            var probe = cluster.Client.GetGrain<IReminderProbeGrain>(key);
            await probe.Register("monthly-feedback");
            await probe.Register("year-close");
        }

        await using var restarted = await DurableCluster.Start(_database);
        var again = restarted.Client.GetGrain<IReminderProbeGrain>(key);
        Assert.Equal(["monthly-feedback", "year-close"], await again.Names());
        await again.Unregister("year-close");
        Assert.Equal(["monthly-feedback"], await again.Names());
        Assert.Equal(1L, await _database.Scalar<long>("SELECT count(*) FROM orleansreminderstable"));
    }
}
