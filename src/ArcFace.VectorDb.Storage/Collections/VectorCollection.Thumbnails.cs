using ArcFace.VectorDb.Storage.Thumbnails;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>A small image per point (see <see cref="ThumbnailStore"/>): removed with its point, kept by compaction only for live points.</summary>
public sealed partial class VectorCollection
{
    /// <summary>How many points have a thumbnail, and the bytes of those images.</summary>
    public ThumbnailStats Thumbnails => Guarded(() => thumbnails.Stats);

    /// <summary>Stores thumbnails of live points (each superseding an earlier one of its point; those of ids not live are skipped).</summary>
    public async Task PutThumbnailsAsync(IReadOnlyList<(ulong Id, byte[] Image)> images, CancellationToken cancellation = default)
    {
        RequireWritable();
        await WithWriterAsync(() =>
        {
            thumbnails.Put([.. images.Where(image => index.Contains(image.Id))]);
            return Task.CompletedTask;
        }, cancellation);
    }

    /// <summary>The thumbnail of a point, or null when it has none.</summary>
    public byte[]? GetThumbnail(ulong id) => Guarded(() => thumbnails.TryGet(id));
}
