using System.Net;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.Swagger;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The HTTP/1.1 endpoint that serves the VectorDb and Evaluation services as JSON, by gRPC JSON transcoding of the
/// google.api.http routes the protos declare, and their OpenAPI document at /openapi.json (no API key needed for it).
/// Transcoded calls run through the gRPC interceptors, so API keys, logs, metrics and error statuses are the gRPC
/// ones; the web console is served at /. Its connections are marked as they are accepted: there only transcoded routes,
/// the document and the console are served
/// (anything else is 404), and on the gRPC port those are 404, so each port answers its own protocol.
/// </summary>
internal sealed class HttpApiEndpoint(IPEndPoint requested) : MarkedHttpEndpoint(requested, ConnectionMark)
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string OpenApiPath = "/openapi.json";

    private const string ConnectionMark = "arcvdb.http";
    private const string DocumentName = "v1";

    /// <summary>Adds JSON transcoding of the services and the OpenAPI generator; call before AddParseErrorsAsInvalidArgument.</summary>
    public static void AddServices(IServiceCollection services)
    {
        // The proto JSON mapping (lowerCamelCase names, enum names), with 64-bit integers as strings as that mapping
        // says: point ids are 64-bit (hashes of image names), more than a JavaScript number holds. Both forms are read.
        services.AddGrpc().AddJsonTranscoding(transcoding => transcoding.JsonSettings.WriteInt64sAsStrings = true);
        services.AddGrpcSwagger();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ArcFace.VectorDb", Version = DocumentName,
                Description = "The VectorDb and Evaluation gRPC services as JSON over HTTP (gRPC JSON transcoding of protos/arcface/vectordb/v1). "
                    + "Upsert and IngestImages stream from the client and are gRPC only; UpsertPoints writes one batch per call.",
            });
            // The generated code carries the proto comments when the library's documentation file sits beside it.
            string comments = Path.ChangeExtension(typeof(HttpApiEndpoint).Assembly.Location, ".xml");
            if (File.Exists(comments))
                swagger.IncludeGrpcXmlComments(() => ProtoComments(comments), includeControllerXmlComments: true);
        });
    }

    /// <summary>The library's documentation without the members that only say inheritdoc (the service overrides), which would hide the proto comments on the generated bases.</summary>
    private static XPathDocument ProtoComments(string path)
    {
        var xml = XDocument.Load(path);
        xml.Descendants("member").Where(member => member.Elements().All(element => element.Name == "inheritdoc")).Remove();
        using var reader = xml.CreateReader();
        return new XPathDocument(reader);
    }

    /// <summary>
    /// Keeps each port to its own routes (call after UseRouting, before the endpoints run), limits a JSON request to
    /// <paramref name="maxRequestBytes"/>, and serves the OpenAPI document and the console.
    /// </summary>
    public static void Map(WebApplication app, long maxRequestBytes)
    {
        app.Use((http, next) =>
        {
            bool onHttpPort = Arrived(http, ConnectionMark);
            var endpoint = http.GetEndpoint();
            bool httpRoute = endpoint?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null || endpoint?.Metadata.GetMetadata<HttpPortRoute>() is not null;
            if (onHttpPort != httpRoute)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            // The gRPC port takes request streams of any length (gRPC limits each message); a JSON body is one message.
            if (onHttpPort && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
                body.MaxRequestBodySize = maxRequestBytes;
            return next(http);
        });
        var document = new Lazy<string>(() => app.Services.GetRequiredService<ISwaggerProvider>().GetSwagger(DocumentName).SerializeAsJson(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0));
        app.MapGet(OpenApiPath, () => Results.Text(document.Value, "application/json"))
            .WithMetadata(new HttpPortRoute())
            .ExcludeFromDescription();
        ConsoleFiles.Map(app, new HttpPortRoute());
    }

    /// <summary>Marks a route that is not transcoded (the OpenAPI document, the console) as one the HTTP port serves.</summary>
    private sealed class HttpPortRoute;
}
