using ArcFace.VectorDb.Evaluation.Jobs;

namespace ArcFace.VectorDb.Cluster.Jobs;

/// <summary>Cancels asked through another silo: a file ID.cancel in the job folder of the silo running the job, which that silo serves within a poll.</summary>
internal static class CancelRequests
{
    private const string Extension = ".cancel";

    /// <summary>Asks the silo that keeps <paramref name="store"/> to cancel the job.</summary>
    public static void Ask(JobStore store, string id) => File.WriteAllBytes(Path.Combine(store.Folder, id + Extension), []);

    /// <summary>Cancels the jobs asked for in the folder of <paramref name="jobs"/> and removes the requests.</summary>
    public static void Serve(EvaluationJobs jobs)
    {
        foreach (string path in Directory.EnumerateFiles(jobs.Folder, "*" + Extension))
        {
            jobs.Cancel(Path.GetFileNameWithoutExtension(path));
            File.Delete(path);
        }
    }
}
