using System.Net;
using System.Net.Sockets;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>Free ports on the loopback interface for the servers a benchmark starts.</summary>
internal static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
