using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ArcFace.VectorDb.Core.IO;
using Microsoft.Win32.SafeHandles;

namespace ArcFace.VectorDb.Storage;

/// <summary>How a process holds a database: alone (to write), or beside other readers.</summary>
public enum DatabaseAccess
{
    /// <summary>The one owning process, which may write; refused while any other process holds the database.</summary>
    Exclusive,

    /// <summary>A reader beside other readers; refused while an owner holds the database, and keeps owners out.</summary>
    Shared,
}

/// <summary>
/// The operating-system lock that makes one process the owner of a database directory: flock(2) on DB/LOCK (a share
/// mode on Windows). The kernel drops it when the process dies, so a killed owner leaves nothing stale. Beside it,
/// each holder writes DB/LOCK.holder.PID saying who it is (pid, command, since when), for the message that refuses
/// the next taker; notes of processes no longer running are ignored, and removed by the next owner.
/// </summary>
public sealed partial class DatabaseLock : IDisposable
{
    /// <summary>The file the lock is taken on.</summary>
    public const string FileName = "LOCK";

    /// <summary>The start of the file name of each holder's note (LOCK.holder.PID).</summary>
    public const string HolderFilePrefix = "LOCK.holder";

    private const int LockShared = 1, LockExclusive = 2, LockNonBlocking = 4;
    private const int LinuxWouldBlock = 11, BsdWouldBlock = 35, WindowsSharingViolation = 32;

    private readonly FileStream file;
    private readonly string directory;

    private DatabaseLock(FileStream file, string directory, DatabaseAccess access)
    {
        this.file = file;
        this.directory = directory;
        Access = access;
    }

    /// <summary>How the lock is held.</summary>
    public DatabaseAccess Access { get; }

    /// <summary>Takes the lock of the database in <paramref name="directory"/> (which must exist) without waiting; refuses with a message naming the holder.</summary>
    public static DatabaseLock Acquire(string directory, DatabaseAccess access)
    {
        string path = Path.Combine(directory, FileName);
        FileStream? file = null;
        try
        {
            file = OperatingSystem.IsWindows()
                ? new FileStream(path, FileMode.OpenOrCreate, access == DatabaseAccess.Exclusive ? FileAccess.ReadWrite : FileAccess.Read, access == DatabaseAccess.Exclusive ? FileShare.None : FileShare.Read)
                : new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            if (!OperatingSystem.IsWindows() && Flock(file.SafeFileHandle, (access == DatabaseAccess.Exclusive ? LockExclusive : LockShared) | LockNonBlocking) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException($"flock failed with errno {errno}", errno);
            }
        }
        catch (IOException e) when (e is not StorageException)
        {
            file?.Dispose();
            throw new StorageException(HeldByAnother(e) ? HeldMessage(directory, access) : $"Cannot lock the database {directory}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            file?.Dispose();
            throw new StorageException($"Cannot lock the database {directory}: {e.Message}", e);
        }
        var held = new DatabaseLock(file, directory, access);
        if (access == DatabaseAccess.Exclusive)
        {
            foreach (var (stale, _) in Holders(directory))
                File.Delete(stale);
        }
        held.WriteHolder();
        return held;
    }

    /// <summary>True for the lock's own files (the lock, its holder note and a holder note being written).</summary>
    public static bool IsLockFile(string path)
    {
        string name = Path.GetFileName(path);
        return name == FileName || name.StartsWith(HolderFilePrefix, StringComparison.Ordinal);
    }

    /// <summary>Releases the lock (the kernel also does when the process ends).</summary>
    public void Dispose()
    {
        File.Delete(HolderPath(directory, Environment.ProcessId));
        file.Dispose();
    }

    private void WriteHolder()
    {
        var holder = new Holder(Environment.ProcessId, CommandLine(), DateTime.UtcNow, Access == DatabaseAccess.Exclusive ? "exclusive" : "shared");
        AtomicFile.Write(HolderPath(directory, holder.Pid), stream => JsonSerializer.Serialize(stream, holder, StorageJson.Options));
    }

    /// <summary>True when the error says another holder has the lock (EWOULDBLOCK from flock or from .NET's own lock on open; a sharing violation on Windows), not that locking failed.</summary>
    private static bool HeldByAnother(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) == WindowsSharingViolation : e.HResult == (OperatingSystem.IsLinux() ? LinuxWouldBlock : BsdWouldBlock);

    private static string HeldMessage(string directory, DatabaseAccess wanted)
    {
        var running = Holders(directory).Where(h => h.Holder is { } holder && IsRunning(holder.Pid)).Select(h => h.Holder!).ToList();
        string who = running.Count == 0
            ? "another process"
            : string.Join(" and ", running.Select(h => string.Create(CultureInfo.InvariantCulture, $"process {h.Pid} ({Shorten(h.Command)}, {h.Access}) since {h.Since:yyyy-MM-dd HH:mm:ss}Z")));
        string advice = wanted == DatabaseAccess.Exclusive
            ? "Only one process may write a database: stop that process, or do this through its gRPC API (arcvdb serve) instead."
            : "It is being written: stop that process first, or read it through its gRPC API (arcvdb serve) instead.";
        return $"The database {directory} is in use by {who}. {advice}";
    }

    /// <summary>The holder notes in the directory, with what each says (null when unreadable).</summary>
    private static List<(string Path, Holder? Holder)> Holders(string directory) =>
        Directory.EnumerateFiles(directory, $"{HolderFilePrefix}.*")
            .Where(path => !path.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(path => (path, ReadHolder(path)))
            .ToList();

    private static Holder? ReadHolder(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Holder>(File.ReadAllText(path), StorageJson.Options);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string HolderPath(string directory, int pid) => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{HolderFilePrefix}.{pid}"));

    private static string CommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        string program = Path.GetFileNameWithoutExtension(args[0]);
        return string.Join(' ', [program == "ArcFace.VectorDb.Cli" ? "arcvdb" : program, .. args[1..]]);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    private static int Flock(SafeFileHandle handle, int operation) => flock((int)handle.DangerousGetHandle(), operation);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    private sealed record Holder(int Pid, string Command, DateTime Since, string Access);
}
