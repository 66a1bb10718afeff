// A child process for the crash tests: appends records durably to a log, continuing after those already in it,
// and prints each index on its own line only once its append has completed (is committed). The tests kill it with
// SIGKILL at random moments and check that every printed record survived intact.
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Storage.CrashWriter;

string directory = args[0];
int total = int.Parse(args[1]);
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
