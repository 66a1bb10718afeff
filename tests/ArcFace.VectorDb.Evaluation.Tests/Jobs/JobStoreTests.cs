using ArcFace.VectorDb.Evaluation.Jobs;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Jobs;

public class JobStoreTests
{
    private static JobRecord Record(string id, JobState state) =>
        new() { Id = id, Kind = "ann", Request = "collection c", State = state, Created = DateTimeOffset.UtcNow, Started = DateTimeOffset.UtcNow };

    [Theory]
    [InlineData(JobState.Running, "running")]
    [InlineData(JobState.Queued, "queued")]
    public async Task A_job_a_crashed_process_left_unfinished_is_listed_as_interrupted_and_saved_so(JobState state, string word)
    {
        using var dir = new TempDirectory();
        new JobStore(dir.File("jobs")).Save(Record("ann-crashed", state));

        await using var jobs = new EvaluationJobs(dir.File("jobs"));

        var listed = Assert.Single(jobs.List());
        Assert.Equal(JobState.Interrupted, listed.State);
        Assert.Equal($"The server stopped while the job was {word}.", listed.Error);
        Assert.NotNull(listed.Finished);
        Assert.Contains("\"state\": \"interrupted\"", File.ReadAllText(dir.File("jobs/ann-crashed.json")));
    }

    [Fact]
    public async Task An_unreadable_job_file_is_skipped_with_a_warning_and_the_others_load()
    {
        using var dir = new TempDirectory();
        var store = new JobStore(dir.File("jobs"));
        store.Save(Record("ann-good", JobState.Succeeded));
        File.WriteAllText(dir.File("jobs/ann-torn.json"), "{ \"id\": \"ann-torn\", \"kind\": ");
        File.WriteAllText(dir.File("jobs/ann-empty.json"), "");
        var warnings = new List<string>();

        await using var jobs = new EvaluationJobs(dir.File("jobs"), warn: warnings.Add);

        Assert.Equal("ann-good", Assert.Single(jobs.List()).Id);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("ann-torn.json"));
        Assert.Contains(warnings, w => w.Contains("ann-empty.json"));
    }

    [Fact]
    public async Task A_job_file_that_cannot_be_opened_or_holds_null_is_skipped_with_a_warning()
    {
        using var dir = new TempDirectory();
        var store = new JobStore(dir.File("jobs"));
        store.Save(Record("ann-good", JobState.Succeeded));
        File.CreateSymbolicLink(dir.File("jobs/ann-dangling.json"), dir.File("gone.json"));
        File.WriteAllText(dir.File("jobs/ann-null.json"), "null");
        var warnings = new List<string>();

        await using var jobs = new EvaluationJobs(dir.File("jobs"), warn: warnings.Add);

        Assert.Equal("ann-good", Assert.Single(jobs.List()).Id);
        Assert.Contains(warnings, w => w.Contains("ann-dangling.json"));
        Assert.Contains(warnings, w => w.Contains("ann-null.json"));
    }

    [Fact]
    public void A_saved_record_loads_back_whole_with_its_result_and_report_files()
    {
        using var dir = new TempDirectory();
        var store = new JobStore(dir.File("jobs"));
        using var result = System.Text.Json.JsonDocument.Parse("""{ "recall_at": { "1": 97.5 } }""");
        var saved = Record("retrieval-1", JobState.Succeeded) with { Finished = DateTimeOffset.UtcNow, Result = result.RootElement.Clone(), ReportFiles = ["a.json", "a.md", "a.png"], Stage = "done", Done = 3, Total = 3 };

        store.Save(saved);
        var loaded = Assert.Single(store.LoadAll());

        Assert.Equal(saved with { Result = null, ReportFiles = [] }, loaded with { Result = null, ReportFiles = [] });
        Assert.Equal(saved.ReportFiles, loaded.ReportFiles);
        Assert.Equal(97.5, loaded.Result!.Value.GetProperty("recall_at").GetProperty("1").GetDouble());
        Assert.Empty(Directory.GetFiles(store.Folder, "*.tmp"));
    }
}
