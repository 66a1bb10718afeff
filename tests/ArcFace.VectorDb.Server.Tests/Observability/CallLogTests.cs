using System.Text.Json;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Observability;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Tests.Observability;

/// <summary>`serve --log-format json`: one JSON object per line, one line per call, with the call's fields.</summary>
public class CallLogTests
{
    [Fact]
    public async Task Json_log_writes_one_object_per_line_and_a_line_per_call_with_method_status_elapsed_peer_and_collection()
    {
        using var logs = new FormattedLogCapture(LogFormat.Json);
        await using (var test = await TestServer.StartAsync(logs: logs))
        {
            await test.CreateAsync("faces", 4);
            await Assert.ThrowsAsync<RpcException>(() => test.CreateAsync("faces", 4));
            await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "missing" }).ResponseAsync);
            await test.UpsertAsync("faces", [TestServer.Point(1, 4)]);
        }

        var entries = logs.Lines.Select(line => JsonSerializer.Deserialize<JsonElement>(line)).ToList();
        var calls = entries.Where(e => e.GetProperty("Category").GetString() == typeof(CallLogInterceptor).FullName).ToList();
        var notFound = calls[2].GetProperty("State");

        Assert.Equal(
            ["Information CreateCollection OK faces", "Information CreateCollection ALREADY_EXISTS faces", "Information GetCollection NOT_FOUND missing", "Information Upsert OK faces"],
            calls.Select(Summary));
        Assert.Equal("/arcface.vectordb.v1.VectorDb/GetCollection", notFound.GetProperty("Method").GetString());
        Assert.InRange(notFound.GetProperty("ElapsedMs").GetDouble(), 0, 10_000);
        Assert.StartsWith("ipv4:127.0.0.1:", notFound.GetProperty("Peer").GetString());
        Assert.Equal(DateTimeKind.Utc, calls[0].GetProperty("Timestamp").GetDateTime().Kind);
    }

    [Fact]
    public async Task Logged_names_are_cut_and_escaped_and_a_call_without_a_valid_key_logs_only_method_and_status()
    {
        using var logs = new FormattedLogCapture(LogFormat.Json);
        string hostile = "x\r\nforged line " + new string('n', 100_000);
        await using (var test = await TestServer.StartAsync(options => TestServer.WithApiKeys(options, "secret-key-0123456789 write"), logs))
        {
            for (int i = 0; i < 3; i++)
                await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = hostile }).ResponseAsync);
            await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = hostile }, TestServer.Bearer("secret-key-0123456789")).ResponseAsync);
        }

        var calls = logs.Lines.Select(line => JsonSerializer.Deserialize<JsonElement>(line))
            .Where(e => e.GetProperty("Category").GetString() == typeof(CallLogInterceptor).FullName).Select(e => e.GetProperty("State")).ToList();

        Assert.Equal(4, calls.Count);
        Assert.All(calls.Take(3), c => Assert.Equal(("UNAUTHENTICATED", JsonValueKind.Null), (c.GetProperty("StatusCode").GetString(), c.GetProperty("Collection").ValueKind)));
        string logged = calls[3].GetProperty("Collection").GetString()!;
        Assert.StartsWith("x\\u000d\\u000aforged line nnn", logged, StringComparison.Ordinal);
        Assert.True(logged.Length < 120, $"{logged.Length} characters of the name were logged");
        Assert.True(logs.Lines.Sum(l => l.Length) < 20_000, $"{logs.Lines.Sum(l => l.Length)} characters logged for four calls");
    }

    /// <summary>"LEVEL Method STATUS collection" of a call's log entry.</summary>
    private static string Summary(JsonElement entry)
    {
        var state = entry.GetProperty("State");
        string method = state.GetProperty("Method").GetString()!;
        return $"{entry.GetProperty("LogLevel").GetString()} {method[(method.LastIndexOf('/') + 1)..]} {state.GetProperty("StatusCode").GetString()} {state.GetProperty("Collection").GetString()}";
    }
}
