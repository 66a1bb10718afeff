using System.Buffers.Binary;
using System.IO.Hashing;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>Point ids of images and faces: a whole image's point keeps the image's id; a face's is a hash of the image's id and the face's index.</summary>
public static class PointIds
{
    /// <summary>The id of the point of face <paramref name="faceIndex"/> of image <paramref name="imageId"/>, or of the whole image when null.</summary>
    public static ulong For(ulong imageId, int? faceIndex)
    {
        if (faceIndex is not { } index)
            return imageId;
        Span<byte> key = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(key, imageId);
        BinaryPrimitives.WriteInt32LittleEndian(key[8..], index);
        return XxHash3.HashToUInt64(key);
    }
}
