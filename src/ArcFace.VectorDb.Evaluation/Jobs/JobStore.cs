using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>Job records on disk: one JSON file per job in a folder, replaced atomically on every save.</summary>
public sealed class JobStore
{
    private static readonly JsonSerializerOptions Json = new(EvaluationJson.Options)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Opens (creating) the folder.</summary>
    public JobStore(string folder)
    {
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The folder of the job files (each job's reports go in a subfolder named by its id).</summary>
    public string Folder { get; }

    /// <summary>Writes a record, replacing the earlier one (a crash leaves the old or the new file, never half of one).</summary>
    public void Save(JobRecord record)
    {
        string path = FileOf(record.Id), temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Every stored record, oldest first. A job stored as queued or running did not survive the process that ran it:
    /// it is marked interrupted (and saved so) instead of being lost or shown as still running. Unreadable files are skipped.
    /// </summary>
    public IReadOnlyList<JobRecord> LoadAll(Action<string>? warn = null)
    {
        var records = new List<JobRecord>();
        foreach (var stored in ReadAll(warn))
        {
            var record = stored;
            if (!record.State.IsFinal())
            {
                record = record with { State = JobState.Interrupted, Finished = DateTimeOffset.UtcNow, Error = $"The server stopped while the job was {record.State.ToString().ToLowerInvariant()}." };
                Save(record);
            }
            records.Add(record);
        }
        return [.. records.OrderBy(r => r.Created)];
    }

    /// <summary>Every stored record as it is (another process may own them: nothing is changed), in no order; unreadable files are skipped.</summary>
    public IEnumerable<JobRecord> ReadAll(Action<string>? warn = null)
    {
        foreach (string path in Directory.EnumerateFiles(Folder, "*.json"))
        {
            if (ReadFile(path, warn) is { } record)
                yield return record;
        }
    }

    /// <summary>The stored record of a job as it is, or null when there is none (or it cannot be read).</summary>
    public JobRecord? Read(string id) => File.Exists(FileOf(id)) ? ReadFile(FileOf(id), warn: null) : null;

    /// <summary>The report folder of a job.</summary>
    public string ReportFolder(string id) => Path.Combine(Folder, id);

    private string FileOf(string id) => Path.Combine(Folder, id + ".json");

    private static JobRecord? ReadFile(string path, Action<string>? warn)
    {
        try
        {
            if (JsonSerializer.Deserialize<JobRecord>(File.ReadAllText(path), Json) is { } record)
                return record;
            warn?.Invoke($"Skipping the job file {path}: it holds null, not a job.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            warn?.Invoke($"Skipping the unreadable job file {path}: {e.Message}");
        }
        return null;
    }
}
