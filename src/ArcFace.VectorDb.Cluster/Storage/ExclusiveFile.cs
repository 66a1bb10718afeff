using System.Runtime.InteropServices;

namespace ArcFace.VectorDb.Cluster.Storage;

/// <summary>
/// Publishing a fully written file under a name only if the name is free, atomically, on the shared storage silos use:
/// link(2) of the written file to the new name (atomic on local file systems and NFS alike), then removal of the
/// temporary name. File.Move without overwrite checks and renames in two steps, so two silos could both "win".
/// </summary>
internal static partial class ExclusiveFile
{
    private const int AlreadyExists = 17; // EEXIST

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless a file of that name exists; false when one does.</summary>
    public static bool TryPublish(string path, Action<Stream> content)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                content(stream);
                stream.Flush(flushToDisk: true);
            }
            if (link(temporary, path) == 0)
                return true;
            int errno = Marshal.GetLastPInvokeError();
            return errno == AlreadyExists ? false : throw new IOException($"Could not create {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string created);
}
