using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// The web console (Console/index.html, console.css, console.js, embedded in this assembly) served at / on the HTTP
/// port; it calls the JSON API from the page with the API key the user types.
/// </summary>
internal static class ConsoleFiles
{
    /// <summary>The page and what it loads: (path served, embedded resource name, content type).</summary>
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "console/index.html", "text/html; charset=utf-8"),
        ("/console.css", "console/console.css", "text/css; charset=utf-8"),
        ("/console.js", "console/console.js", "text/javascript; charset=utf-8"),
    ];

    /// <summary>Only this origin's scripts, styles and calls; thumbnails and the photo are blob: or data: URLs.</summary>
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Maps each file's route with <paramref name="marker"/> as metadata (the HTTP port serves only marked routes).</summary>
    public static void Map(WebApplication app, object marker)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            byte[] content = Read(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(content, contentType);
            }).WithMetadata(marker).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(ConsoleFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The console file {resource} is not embedded in the server assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
