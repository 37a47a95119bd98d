using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Ledger.Bench.Load.Measuring;

/// <summary>
/// Makes another .NET process run a full, blocking garbage collection through its diagnostics port,
/// as dotnet-gcdump and PerfView do (an EventPipe session with the runtime's GCHeapCollect keyword). A
/// quiet server keeps dead objects until memory is short; after this its heap size is what is live.
/// </summary>
public static class FullCollection
{
    private const long GCHeapCollectKeyword = 0x800000;

    public static async Task InduceAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GCHeapCollectKeyword), requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        // The collection runs as the session starts; a moment for it to finish on a large heap.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await session.StopAsync(CancellationToken.None);
        await drain;
    }
}
