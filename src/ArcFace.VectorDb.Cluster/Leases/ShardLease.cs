using System.Globalization;
using ArcFace.VectorDb.Cluster.Storage;

namespace ArcFace.VectorDb.Cluster.Leases;

/// <summary>
/// The lease that makes one activation the only writer of a shard's folder, on storage every silo shares. Epochs are
/// files lease/EPOCH (12 digits) holding "owner expiry-ms"; taking the lease publishes the next epoch's file with an
/// atomic no-overwrite link, so of two takers exactly one wins. The holder renews by rewriting its own file; before every
/// write it checks that its lease is still within its expiry and that no next epoch exists. A taker waits until the
/// previous holder's expiry has passed (a forced take bumps the epoch at once, which stops the holder's writes, and
/// still waits out its expiry), so the two never write together as long as clocks drift less than the margin.
/// </summary>
public sealed class ShardLease : IDisposable
{
    /// <summary>How long a lease lasts without renewal.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>How long before its expiry a holder stops trusting an unrenewed lease.</summary>
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(2);

    private const string FolderName = "lease";
    private readonly string folder;
    private readonly TimeSpan duration;
    private readonly string nextEpochPath;
    private DateTimeOffset trustedUntil;
    private bool lost;

    private ShardLease(string folder, string owner, long epoch, TimeSpan duration, DateTimeOffset trustedUntil)
    {
        this.folder = folder;
        Owner = owner;
        Epoch = epoch;
        this.duration = duration;
        this.trustedUntil = trustedUntil;
        nextEpochPath = EpochPath(folder, epoch + 1);
    }

    /// <summary>Who holds it (silo and activation).</summary>
    public string Owner { get; }

    /// <summary>The epoch this holder won; every take adds one.</summary>
    public long Epoch { get; }

    /// <summary>
    /// Takes the lease of <paramref name="shardDirectory"/> for <paramref name="owner"/>, waiting (until
    /// <paramref name="cancellation"/>) for a live holder's lease to expire; <paramref name="force"/> takes it from a live
    /// holder (whose writes stop at once) and then waits out that holder's expiry.
    /// </summary>
    public static async Task<ShardLease> AcquireAsync(string shardDirectory, string owner, TimeSpan? duration = null, bool force = false, CancellationToken cancellation = default)
    {
        var length = duration ?? DefaultDuration;
        string folder = Path.Combine(shardDirectory, FolderName);
        Directory.CreateDirectory(folder);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var (epoch, expiry) = Latest(folder);
            var now = DateTimeOffset.UtcNow;
            if (epoch == 0 || expiry <= now || force)
            {
                long next = epoch + 1;
                var expires = now + length;
                if (TryCreate(EpochPath(folder, next), owner, expires))
                {
                    RemoveOld(folder, next);
                    // The previous holder may still be finishing a write it began before the new epoch appeared: wait out its lease.
                    var previous = epoch == 0 ? DateTimeOffset.MinValue : Read(EpochPath(folder, epoch)).Expiry;
                    if (previous > DateTimeOffset.UtcNow)
                        await Task.Delay(previous - DateTimeOffset.UtcNow, cancellation);
                    return new ShardLease(folder, owner, next, length, DateTimeOffset.UtcNow + length - SafetyMargin);
                }
                continue;
            }
            await Task.Delay(Min(expiry - now, TimeSpan.FromMilliseconds(250)), cancellation);
        }
    }

    /// <summary>Throws <see cref="LeaseLostException"/> unless this holder may write now.</summary>
    public void EnsureHeld()
    {
        if (lost || DateTimeOffset.UtcNow >= trustedUntil || File.Exists(nextEpochPath))
        {
            lost = true;
            throw new LeaseLostException($"The lease of {Path.GetDirectoryName(folder)} (epoch {Epoch}) was taken or ran out: this activation no longer writes it.");
        }
    }

    /// <summary>Extends the lease; <see cref="LeaseLostException"/> when another holder took it.</summary>
    public void Renew()
    {
        EnsureHeld();
        var started = DateTimeOffset.UtcNow;
        Rewrite(EpochPath(folder, Epoch), Owner, started + duration);
        // A take that began between the check and the write wins: look again.
        EnsureHeld();
        trustedUntil = started + duration - SafetyMargin;
    }

    /// <summary>Ends the lease now, so the next holder need not wait for it to expire (nothing when it was lost).</summary>
    public void Dispose()
    {
        if (lost || File.Exists(nextEpochPath))
            return;
        lost = true;
        Rewrite(EpochPath(folder, Epoch), Owner, DateTimeOffset.UtcNow);
    }

    private static (long Epoch, DateTimeOffset Expiry) Latest(string folder)
    {
        long latest = 0;
        foreach (string path in Directory.EnumerateFiles(folder))
        {
            if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out long epoch) && epoch > latest)
                latest = epoch;
        }
        return latest == 0 ? (0, DateTimeOffset.MinValue) : (latest, Read(EpochPath(folder, latest)).Expiry);
    }

    private static (string Owner, DateTimeOffset Expiry) Read(string path)
    {
        // A file being rewritten is replaced by a rename, so a reader sees the old content or the new, never half.
        string[] parts = File.ReadAllText(path).Split(' ', 2);
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ms)
            ? (parts[1], DateTimeOffset.FromUnixTimeMilliseconds(ms))
            : ("?", DateTimeOffset.MinValue);
    }

    private static bool TryCreate(string path, string owner, DateTimeOffset expiry) =>
        ExclusiveFile.TryPublish(path, stream => stream.Write(Content(owner, expiry)));

    /// <summary>Rewrites the holder's own epoch file (a rename over it, so readers see the old content or the new).</summary>
    private static void Rewrite(string path, string owner, DateTimeOffset expiry)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, Content(owner, expiry));
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] Content(string owner, DateTimeOffset expiry) =>
        System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{expiry.ToUnixTimeMilliseconds()} {owner}"));

    /// <summary>Keeps the newest few epochs' files (for whoever looks at the history) and removes older ones.</summary>
    private static void RemoveOld(string folder, long newest)
    {
        foreach (string path in Directory.EnumerateFiles(folder))
        {
            if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out long epoch) && epoch < newest - 3)
                File.Delete(path);
        }
    }

    private static string EpochPath(string folder, long epoch) => Path.Combine(folder, epoch.ToString("D12", CultureInfo.InvariantCulture));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
