using System.Net;
using System.Net.Sockets;

namespace ArcFace.VectorDb.Cluster.Hosting;

/// <summary>
/// The check that a silo's ports are free before it joins. Orleans binds them even when another silo of this machine
/// already listens there; the cluster then sees two silos at one address and declares the older one dead, which stops it.
/// </summary>
internal static class SiloPorts
{
    /// <summary>Throws an <see cref="IOException"/> naming the option when the silo or gateway port of <paramref name="cluster"/> is taken.</summary>
    public static void RequireFree(ClusterServeOptions cluster)
    {
        RequireFree(cluster.SiloAddress, cluster.SiloPort, "--silo-port");
        if (cluster.GatewayPort != 0)
            RequireFree(cluster.SiloAddress, cluster.GatewayPort, "--gateway-port");
    }

    private static void RequireFree(IPAddress address, int port, string option)
    {
        var probe = new TcpListener(address, port);
        try
        {
            probe.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new IOException($"{option} {port} on {address} is in use: another silo (or program) listens there. Give each silo of a machine its own {option}.", e);
        }
        finally
        {
            probe.Stop();
        }
    }
}
