using System.Threading.Channels;

namespace Ledger.Client.Feeding;

/// <summary>How a feed is cut and spread: lines per request and requests in flight.</summary>
public sealed record PipelineSettings(int BatchLines, int Connections)
{
    public const int ConnectionsMax = 64;
}

/// <summary>
/// Reads lines, groups them into batches and sends the batches over parallel connections, each until
/// acknowledged. Reading stays at most two batches per connection ahead of sending, so a file of any
/// size feeds in constant memory. The first fatal refusal (or giving up) stops everything.
/// </summary>
public sealed class FeedPipeline(ILineTarget target, RetryPolicy policy, FeedTally tally, PipelineSettings settings)
{
    public async Task RunAsync(IAsyncEnumerable<FeedLine> source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<IReadOnlyList<FeedLine>>(
            new BoundedChannelOptions(settings.Connections * 2) { SingleWriter = true });
        var sender = new AcknowledgingSender(target, policy, tally);
        var workers = Enumerable.Range(0, settings.Connections)
            .Select(_ => Task.Run(() => SendAllAsync(batches.Reader, sender, stop), CancellationToken.None))
            .ToList();
        var producer = ProduceAsync(source, batches.Writer, stop);
        var all = Task.WhenAll([producer, .. workers]);
        try
        {
            await all;
        }
        catch
        {
            // The first real failure explains the others, which are only the cancellation it caused.
            var failure = new[] { producer }.Concat(workers)
                .Select(task => task.Exception?.InnerException)
                .FirstOrDefault(exception => exception is not null and not OperationCanceledException);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
            throw;
        }
    }

    private async Task ProduceAsync(IAsyncEnumerable<FeedLine> source, ChannelWriter<IReadOnlyList<FeedLine>> writer, CancellationTokenSource stop)
    {
        try
        {
            var batch = new List<FeedLine>(settings.BatchLines);
            await foreach (var line in source.WithCancellation(stop.Token))
            {
                tally.LineRead(line);
                if (line.IsMalformed)
                {
                    continue;
                }
                batch.Add(line);
                if (batch.Count >= settings.BatchLines)
                {
                    await writer.WriteAsync(batch, stop.Token);
                    batch = new List<FeedLine>(settings.BatchLines);
                }
            }
            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, stop.Token);
            }
            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
            await stop.CancelAsync();
            throw;
        }
    }

    private static async Task SendAllAsync(ChannelReader<IReadOnlyList<FeedLine>> reader, AcknowledgingSender sender, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var batch in reader.ReadAllAsync(stop.Token))
            {
                await sender.SendAsync(batch, stop.Token);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException && exception is not ChannelClosedException)
        {
            await stop.CancelAsync();
            throw;
        }
    }
}
