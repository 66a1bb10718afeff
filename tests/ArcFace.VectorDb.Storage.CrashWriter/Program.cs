// A child process for the crash tests; the tests kill it with SIGKILL at random moments.
//   log DIR TOTAL       appends records durably after those already in the log, printing each index once committed
//   snapshot DIR COUNT  fills a collection with COUNT records (if it has fewer), prints "ready", then snapshots in a loop
//   compact DIR COUNT   creates a collection of COUNT records less every third (when new), prints "ready", then compacts in a loop
//   hold DIR ACCESS     opens (or creates) the database DIR, exclusive or shared, prints "ready" and waits to be killed
//   quantized DIR TOTAL KIND
//                       opens (or creates, quantised int8 or binary) a collection and upserts batches of 100 durably up
//                       to TOTAL records, printing the count after each batch and snapshotting after every fifth
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.CrashWriter;
using ArcFace.VectorDb.Storage.Log;

string mode = args[0], directory = args[1];
if (mode == "hold")
{
    await using var database = args[2] == "exclusive" ? VectorDatabase.OpenOrCreate(directory) : VectorDatabase.OpenReadOnly(directory);
    Console.Out.WriteLine("ready");
    Console.Out.Flush();
    await Task.Delay(Timeout.Infinite);
}
int total = int.Parse(args[2]);
if (mode == "log")
{
    await using var log = VectorLog.Open(directory);
    int start = 0;
    log.Scan(0, (_, _) => start++);
    for (int i = start; i < total; i++)
    {
        await log.AppendDurableAsync(CrashRecords.Record(i));
        Console.Out.WriteLine(i);
        Console.Out.Flush();
    }
    Console.Out.WriteLine("done");
    return;
}

var options = new CollectionOptions { SnapshotEveryRecords = 0 };
if (mode == "quantized")
{
    var settings = CrashRecords.Settings with { Quantization = Enum.Parse<ArcFace.VectorDb.Core.Quantization.VectorQuantization>(args[3], ignoreCase: true) };
    await using var quantized = File.Exists(Path.Combine(directory, CollectionManifest.FileName))
        ? VectorCollection.Open(directory, options)
        : VectorCollection.Create(directory, settings, options);
    for (int batch = 1; quantized.Count < total; batch++)
    {
        int from = quantized.Count;
        await quantized.UpsertAsync(Enumerable.Range(from, Math.Min(100, total - from)).Select(CrashRecords.Record).ToList());
        Console.Out.WriteLine(quantized.Count);
        Console.Out.Flush();
        if (batch % 5 == 0)
            await quantized.SnapshotAsync();
    }
    Console.Out.WriteLine("done");
    return;
}
bool exists = File.Exists(Path.Combine(directory, CollectionManifest.FileName));
await using var collection = exists ? VectorCollection.Open(directory, options) : VectorCollection.Create(directory, CrashRecords.Settings, options);
if (mode == "snapshot" && collection.Count < total)
    await collection.UpsertAsync(Enumerable.Range(collection.Count, total - collection.Count).Select(CrashRecords.Record).ToList());
if (mode == "compact" && !exists)
{
    await collection.UpsertAsync(Enumerable.Range(0, total).Select(CrashRecords.Record).ToList());
    await collection.DeleteAsync(Enumerable.Range(0, total).Where(i => i % 3 == 0).Select(i => CrashRecords.Record(i).Id).ToList());
}
Console.Out.WriteLine("ready");
Console.Out.Flush();
while (true)
{
    if (mode == "snapshot")
        await collection.SnapshotAsync();
    else
        await collection.CompactAsync();
    Console.Out.WriteLine(mode);
    Console.Out.Flush();
}
