using System.Runtime.CompilerServices;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>Which ids of a gallery a server's collection already holds, looked up with Get a chunk of items ahead of an ingest's pipeline (--resume with --embed local).</summary>
internal sealed class ServerPresence(ServerClient server, string collection)
{
    private const int ItemsPerLookup = 256;
    private HashSet<ulong> present = [];

    /// <summary>True when the collection held <paramref name="id"/> when the chunk of its item was looked up.</summary>
    public bool Contains(ulong id) => present.Contains(id);

    /// <summary>
    /// Yields <paramref name="items"/>, each chunk once its first point ids are looked up. The pipeline asks
    /// <see cref="Contains"/> about an item as soon as it takes it, so a chunk's answers are in place until the next chunk's.
    /// </summary>
    public async IAsyncEnumerable<GalleryItem> LookAhead(IReadOnlyList<GalleryItem> items, ImageEmbedder embedder, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        foreach (var chunk in items.Chunk(ItemsPerLookup))
        {
            var request = new GetRequest { Collection = collection };
            foreach (var item in chunk)
                request.Ids.Add(embedder.FirstPointIds(item));
            // Ctrl-C between lookups stops the run as the pipeline expects; a lookup under way is quick and left to end.
            cancellation.ThrowIfCancellationRequested();
            var response = await server.VectorDb.GetAsync(request, server.Headers, cancellationToken: CancellationToken.None);
            present = [.. response.Points.Select(point => point.Id)];
            foreach (var item in chunk)
                yield return item;
        }
    }
}
