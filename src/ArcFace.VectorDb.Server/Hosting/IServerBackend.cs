using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>What a server serves on the host <see cref="ServerHost"/> builds: one database, or a cluster's collections.</summary>
public interface IServerBackend
{
    /// <summary>Registers the services' dependencies (an <see cref="Observability.ICollectionDescriptions"/> among them) and the backend's health check.</summary>
    void Register(WebApplicationBuilder builder, IHealthChecksBuilder health);

    /// <summary>Maps the VectorDb and Evaluation gRPC services.</summary>
    void MapServices(WebApplication app);
}
