using System.CommandLine;
using System.CommandLine.Parsing;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Cli.Commands.Storage;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>
/// The options of `arcvdb ingest` and the rule of which apply where: into a local database (--db), or through a running
/// server (--server) that embeds the images itself (--embed server) or takes vectors embedded here (--embed local).
/// </summary>
internal sealed class IngestArguments
{
    /// <summary>--db DIR: ingest into a local database.</summary>
    public Option<DirectoryInfo> Database { get; } = DatabaseOptions.Database(required: false, "The local database to ingest into (created when missing). Give this or --server.");

    /// <summary>--server URL and --api-key: ingest through a running server.</summary>
    public ServerClientOptions Server { get; } = new("A running server to ingest through, e.g. http://127.0.0.1:50051 (https:// for TLS). Give this or --db.");

    /// <summary>--embed server|local: who embeds the images of an ingest through a server.</summary>
    public Option<string> Embed { get; } = new("--embed")
    {
        Description = "With --server, who embeds: server sends the image files and the server embeds them with the collection's model; " +
            "local embeds here with --model (and --detector) and upserts the vectors, once the collection's model and preprocessing are checked to be the same.",
        DefaultValueFactory = _ => "server",
    };

    /// <summary>--collection NAME.</summary>
    public Option<string> Collection { get; } = DatabaseOptions.Collection(required: true,
        "The collection to ingest into. A local one is created for the model when absent; one on a server must exist, created with its model (CreateCollection, or POST /v1/collections).");

    /// <summary>The gallery options.</summary>
    public GallerySource Source { get; } = new();

    /// <summary>The model options (a local ingest, --embed local).</summary>
    public ModelOptions Model { get; } = new();

    /// <summary>The face detector options (a local ingest, --embed local).</summary>
    public FaceDetectionOptions Faces { get; } = new();

    /// <summary>--workers N.</summary>
    public Option<int> Workers { get; } = new Option<int>("--workers") { Description = "Decode + preprocess workers (0 = one per core); not with --embed server.", DefaultValueFactory = _ => 0 }.AtLeast(0);

    /// <summary>--resume.</summary>
    public Option<bool> Resume { get; } = new("--resume")
    {
        Description = "Skip images whose id the collection already holds (continue a stopped ingest). Through a server the server skips them (--embed server), " +
            "or they are looked up before they are embedded (--embed local).",
    };

    /// <summary>--durability.</summary>
    public Option<Durability> Durability { get; } = new("--durability")
    {
        Description = "Durable: every batch is committed before it counts as done; FireAndForget: committed in the background. Not with --embed server, which is durable.",
        DefaultValueFactory = _ => ArcFace.VectorDb.Storage.Collections.Durability.Durable,
    };

    /// <summary>--thumbnails.</summary>
    public Option<bool> Thumbnails { get; } = new("--thumbnails")
    {
        Description = "Keep a small JPEG per point (the aligned face, else the image at most 128 px) for the console; not with --embed local, whose upserts carry vectors only.",
        DefaultValueFactory = _ => true,
    };

    /// <summary>--errors FILE.</summary>
    public Option<FileInfo?> Errors { get; } = new("--errors")
    {
        Description = "Where to write the error report (JSON lines: path, reason). Default: DB/reports/ingest-COLLECTION-TIME.errors.jsonl, through a server ./reports/….",
    };

    /// <summary>--m of a new local collection.</summary>
    public Option<int> M { get; } = IndexOptions.M("HNSW M of a new local collection.");

    /// <summary>--ef-construction of a new local collection.</summary>
    public Option<int> EfConstruction { get; } = IndexOptions.EfConstruction("HNSW efConstruction of a new local collection.");

    /// <summary>--quantization of a new local collection.</summary>
    public Option<VectorQuantization> Quantization { get; } = IndexOptions.Quantization("How a new local collection's index holds vectors (an existing one must already have it):");

    /// <summary>True when the ingest goes through a server.</summary>
    public bool ToServer(ParseResult result) => result.GetResult(Server.Server) is not null;

    /// <summary>True when the images of an ingest through a server are embedded here.</summary>
    public bool EmbedsHere(ParseResult result) => result.GetValue(Embed) == "local";

    /// <summary>The error report's path: --errors, else a timestamped file under <paramref name="folder"/>/reports.</summary>
    public string ReportPath(ParseResult result, string folder, string collection) =>
        result.GetValue(Errors)?.FullName ?? DatabaseReports.PathFor(folder, $"ingest-{collection}", "errors.jsonl");

    /// <summary>Adds the options, in the order help lists them, and the rule of which apply where.</summary>
    public void AddTo(Command command)
    {
        Embed.AcceptOnlyFromAmong("server", "local");
        foreach (Option option in new Option[] { Database, Server.Server, Server.ApiKey, Embed, Collection })
            command.Options.Add(option);
        // The gallery is what a user must give first, so its options come right after where it goes.
        Source.AddTo(command);
        foreach (Option option in new Option[] { Workers, Resume, Durability, Thumbnails, Errors, M, EfConstruction, Quantization })
            command.Options.Add(option);
        Faces.AddTo(command, withSelection: true);
        Model.AddTo(command);
        command.Validators.Add(Check);
    }

    private void Check(CommandResult result)
    {
        bool local = result.GetResult(Database) is not null;
        if (local == (result.GetResult(Server.Server) is not null))
        {
            result.AddError("Give exactly one of --db DIR (embed here into a local database) or --server URL (ingest through a running server).");
            return;
        }
        foreach (var (options, why) in NotApplying(local, result.GetValue(Embed) == "local"))
        {
            foreach (var option in options)
            {
                if (result.GetResult(option) is { Implicit: false })
                    result.AddError($"{option.Name} {why}");
            }
        }
    }

    /// <summary>The options that do not apply to an ingest of this kind, and why.</summary>
    private IEnumerable<(IEnumerable<Option> Options, string Why)> NotApplying(bool local, bool embedHere)
    {
        if (local)
        {
            yield return ([Embed, Server.ApiKey], "applies only with --server.");
            yield break;
        }
        yield return ([M, EfConstruction, Quantization], "sets up a new local collection (--db); through a server the collection must already exist.");
        if (embedHere)
            yield return ([Thumbnails], "does not apply with --embed local: its upserts carry vectors, not thumbnails.");
        else
            yield return ([Workers, Durability, .. Model.All, .. Faces.All], "does not apply with --embed server (the default): the server embeds with the collection's model; --embed local embeds here.");
    }
}
