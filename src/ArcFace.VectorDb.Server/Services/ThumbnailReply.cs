using Google.Api;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>GetThumbnail's answer, wherever the thumbnail was looked up.</summary>
internal static class ThumbnailReply
{
    /// <summary>The JPEG as an HTTP body; NOT_FOUND when point <paramref name="id"/> of <paramref name="collection"/> has none.</summary>
    public static HttpBody Of(byte[]? jpeg, string collection, ulong id) =>
        jpeg is null
            ? throw new RpcException(new Status(StatusCode.NotFound, $"Point {id} of collection '{collection}' has no thumbnail (it is not there, or was ingested without one)."))
            : new HttpBody { ContentType = "image/jpeg", Data = ByteString.CopyFrom(jpeg) };
}
