using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>What an ingest through a server works with, whoever embeds: the server, its collection, the gallery's items, the local error report, --resume and the progress bar's title.</summary>
internal sealed record ServerIngestRun(ServerClient Server, CollectionInfo Collection, IReadOnlyList<GalleryItem> Items, ErrorReport Report, bool Resume, string Description);
