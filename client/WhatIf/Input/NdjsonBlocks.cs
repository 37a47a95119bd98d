using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// Reads an NDJSON file in large blocks cut at line ends and hands each block's lines to a parser on
/// every core, keeping file order in the result (block by block, line by line): a region's year is
/// millions of lines, and reading them one string at a time would take longer than replaying them.
/// </summary>
internal static class NdjsonBlocks
{
    public const int BlockBytes = 4 << 20;

    /// <summary>
    /// Block buffers are reused through a pool of this reader's own: the shared array pool trims itself
    /// after every full collection, and a region's year in memory makes those collections long.
    /// </summary>
    private static readonly ConcurrentBag<byte[]> Buffers = [];

    private static byte[] Rent(int length) =>
        Buffers.TryTake(out var buffer) && buffer.Length >= length ? buffer : new byte[Math.Max(BlockBytes, length)];

    private static void Return(byte[] buffer)
    {
        if (buffer.Length == BlockBytes && Buffers.Count < Environment.ProcessorCount * 4)
        {
            Buffers.Add(buffer);
        }
    }

    /// <summary>Takes one non-blank line (trimmed) into the block being read.</summary>
    public delegate void LineHandler<in TBlock>(TBlock block, ReadOnlySpan<byte> line);

    /// <summary>
    /// The blocks in file order, each made by <paramref name="newBlock"/> and filled with its lines in
    /// order by <paramref name="add"/>; <paramref name="progress"/> gets the bytes read so far.
    /// </summary>
    public static async Task<List<TBlock>> ReadAsync<TBlock>(
        string path, Func<TBlock> newBlock, LineHandler<TBlock> add, Action<long>? progress, CancellationToken cancellationToken)
    {
        var blocks = Channel.CreateBounded<(int Index, byte[] Buffer, int Length)>(Environment.ProcessorCount * 2);
        var results = new List<TBlock?>();
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            await foreach (var (index, buffer, length) in blocks.Reader.ReadAllAsync(cancellationToken))
            {
                var parsed = newBlock();
                ParseBlock(buffer.AsSpan(0, length), parsed, add);
                Return(buffer);
                lock (results)
                {
                    while (results.Count <= index)
                    {
                        results.Add(default);
                    }
                    results[index] = parsed;
                }
            }
        }, cancellationToken)).ToArray();
        try
        {
            await ProduceAsync(path, blocks.Writer, progress, cancellationToken);
        }
        finally
        {
            blocks.Writer.TryComplete();
            await Task.WhenAll(workers);
        }
        return results.Select(block => block!).ToList();
    }

    private static async Task ProduceAsync(string path, ChannelWriter<(int, byte[], int)> blocks, Action<long>? progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var carry = Array.Empty<byte>();
        var carryLength = 0;
        var index = 0;
        long total = 0;
        while (true)
        {
            var buffer = Rent(Math.Max(BlockBytes, carryLength * 2));
            carry.AsSpan(0, carryLength).CopyTo(buffer);
            var read = await file.ReadAsync(buffer.AsMemory(carryLength), cancellationToken);
            total += read;
            progress?.Invoke(total);
            var length = carryLength + read;
            if (read == 0)
            {
                await blocks.WriteAsync((index, buffer, length), cancellationToken);
                return;
            }
            var end = buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
            // A line longer than a block: read on until its end.
            if (end == 0)
            {
                carry = buffer.AsSpan(0, length).ToArray();
                carryLength = length;
                Return(buffer);
                continue;
            }
            carry = buffer.AsSpan(end, length - end).ToArray();
            carryLength = carry.Length;
            await blocks.WriteAsync((index++, buffer, end), cancellationToken);
        }
    }

    private static void ParseBlock<TBlock>(ReadOnlySpan<byte> block, TBlock parsed, LineHandler<TBlock> add)
    {
        while (block.Length > 0)
        {
            var newline = block.IndexOf((byte)'\n');
            var line = newline < 0 ? block : block[..newline];
            block = newline < 0 ? default : block[(newline + 1)..];
            line = line.Trim(" \t\r"u8);
            if (line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
            if (line.Length > 0)
            {
                add(parsed, line);
            }
        }
    }
}
