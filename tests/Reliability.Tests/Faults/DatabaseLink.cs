using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Ledger.Reliability.Tests.Faults;

/// <summary>
/// A loopback TCP relay between the silos under test and PostgreSQL, so the database can "go down"
/// for this cluster alone: <see cref="Cut"/> resets every open connection and refuses new ones (what
/// a silo sees when the server stops), <see cref="Restore"/> lets connections through again. Stopping
/// the real server would also break the other suites that share it while they run in parallel.
/// </summary>
public sealed class DatabaseLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _down;

    public DatabaseLink(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _server = new IPEndPoint(Dns.GetHostAddresses(builder.Host!)[0], builder.Port);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The connection string that goes through the link.</summary>
    public string ConnectionString { get; }

    /// <summary>How many times the link was cut: the faults injected.</summary>
    public int Cuts { get; private set; }

    public void Cut()
    {
        _down = true;
        Cuts++;
        lock (_gate)
        {
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }
            _open.Clear();
        }
    }

    public void Restore() => _down = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_down)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_server, _stop.Token);
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }
            var inbound = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var outbound = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
            await Task.WhenAny(inbound, outbound);
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut or a closed end: the relay of this connection is over.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Cut();
        _stop.Dispose();
    }
}
