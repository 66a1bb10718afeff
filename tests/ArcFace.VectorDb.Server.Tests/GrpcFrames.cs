using System.Buffers.Binary;
using System.Net.Http.Headers;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Raw gRPC request bodies, for calls that a generated client cannot make (malformed messages, replies never read).</summary>
internal static class GrpcFrames
{
    /// <summary>One uncompressed length-prefixed message as an application/grpc body.</summary>
    public static ByteArrayContent Content(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return content;
    }
}
