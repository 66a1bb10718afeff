using System.CommandLine;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>`arcvdb search`: a gRPC client that searches a collection by vector or by image and prints a table.</summary>
internal static class SearchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var server = new ServerClientOptions("Server address, e.g. http://127.0.0.1:50051 (https:// for TLS).", "http://127.0.0.1:50051");
        var collection = new Option<string>("--collection") { Description = "The collection to search.", Required = true };
        var vectorFile = new Option<FileInfo?>("--vector-file") { Description = "Query vector: first row of a .fvecs/.bvecs/.npy file, or a text file of numbers." };
        var image = new Option<FileInfo?>("--image") { Description = "Query image, embedded by the server with the collection's model; on a collection of faces, each face the server detects in it is searched." };
        var k = new Option<int>("--k", "-k") { Description = "Results to return.", DefaultValueFactory = _ => 10 };
        var ef = new Option<int>("--ef") { Description = "Candidate list size (0 = server default).", DefaultValueFactory = _ => 0 };
        var oversampling = IndexOptions.Oversampling("Candidates re-ranked per result on a quantised collection (default: the server's, 2 for int8 and 4 for binary).");
        var command = new Command("search", "Search a collection on a running server by vector or by image; prints rank, id, score, label and source.")
        {
            server.Server, collection, vectorFile, image, k, ef, oversampling, server.ApiKey,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(vectorFile) is null) == (result.GetResult(image) is null))
                result.AddError("Give exactly one of --vector-file or --image.");
        });
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            using var connection = server.Connect(result);
            var (client, headers) = (connection.VectorDb, connection.Headers);
            string name = result.GetValue(collection)!;
            try
            {
                SearchResponse response;
                if (result.GetValue(image) is { } imageFile)
                {
                    response = await client.SearchByImageAsync(new SearchByImageRequest
                    {
                        Collection = name, Image = ByteString.CopyFrom(await File.ReadAllBytesAsync(imageFile.FullName, cancellation)), K = (uint)result.GetValue(k), Ef = (uint)result.GetValue(ef), Oversampling = result.GetValue(oversampling) ?? 0,
                    }, headers, cancellationToken: cancellation);
                }
                else
                {
                    var request = new SearchRequest { Collection = name, K = (uint)result.GetValue(k), Ef = (uint)result.GetValue(ef), Oversampling = result.GetValue(oversampling) ?? 0 };
                    request.Vector.AddRange(ReadVector(result.GetValue(vectorFile)!));
                    response = await client.SearchAsync(request, headers, cancellationToken: cancellation);
                }
                HitTable.Write(response, null, result.InvocationConfiguration.Output);
                return 0;
            }
            catch (RpcException e)
            {
                log.Line(connection.Explain(e));
                return 1;
            }
        }));
        return command;
    }

    private static float[] ReadVector(FileInfo file)
    {
        if (!file.Exists)
            throw new FileNotFoundException($"--vector-file: file not found: {file.FullName}");
        string extension = file.Extension.ToLowerInvariant();
        if (extension is ".fvecs" or ".bvecs" or ".npy")
            return VectorFiles.ReadVectors(file.FullName, 1).Row(0).ToArray();
        var parts = File.ReadAllText(file.FullName).Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return [.. parts.Select(p => float.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float v)
            ? v : throw new InvalidDataException($"--vector-file: '{p}' is not a number."))];
    }
}
