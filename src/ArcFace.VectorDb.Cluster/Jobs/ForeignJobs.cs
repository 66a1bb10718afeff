using ArcFace.VectorDb.Evaluation.Jobs;

namespace ArcFace.VectorDb.Cluster.Jobs;

/// <summary>
/// The job records the other silos keep under <paramref name="root"/>, read as they are (never written): a job still
/// queued or running whose silo has left the cluster (<paramref name="siloRuns"/> false for its folder) reads as interrupted.
/// </summary>
internal sealed class ForeignJobs(string root, string ownFolder, Func<string, bool> siloRuns)
{
    /// <summary>Another silo's job and the store it lies in, or null when no other silo has it.</summary>
    public (JobRecord Record, JobStore Store)? Find(string id)
    {
        if (!JobFolders.IsJobId(id))
            return null;
        foreach (var store in Stores())
        {
            if (store.Read(id) is { } record)
                return (Seen(record, store), store);
        }
        return null;
    }

    /// <summary>Every job of the other silos, in no order.</summary>
    public IEnumerable<JobRecord> All() => Stores().SelectMany(store => store.ReadAll().Select(record => Seen(record, store)));

    private IEnumerable<JobStore> Stores() => Directory.Exists(root)
        ? Directory.EnumerateDirectories(root).Where(folder => Path.GetFileName(folder) != ownFolder).Select(folder => new JobStore(folder))
        : [];

    /// <summary>The record as this silo sees it: report files under its own path to the shared folder, and interrupted once its silo has left.</summary>
    private JobRecord Seen(JobRecord record, JobStore store)
    {
        string silo = Path.GetFileName(store.Folder);
        var seen = record with { ReportFiles = [.. record.ReportFiles.Select(file => Path.Combine(store.ReportFolder(record.Id), Path.GetFileName(file)))] };
        return seen.State.IsFinal() || siloRuns(silo) ? seen
            : seen with { State = JobState.Interrupted, Error = $"The silo that ran the job ({silo}) left the cluster before it finished." };
    }
}
