using ArcFace.VectorDb.Protos;
using Grpc.Core;
using Grpc.Health.V1;
using static ArcFace.VectorDb.Server.Tests.TestServer;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>API keys: none or wrong is UNAUTHENTICATED and leaks nothing; read-only keys read; health needs no key.</summary>
public class AuthTests
{
    private const string WriteKey = "write-key-0123456789abcdef";
    private const string ReadKey = "read-key-0123456789abcdef";

    [Fact]
    public async Task Calls_need_a_valid_key_read_only_keys_cannot_write_and_health_is_open()
    {
        await using var test = await TestServer.StartAsync(o => WithApiKeys(o, "# keys", $"{WriteKey} write", $"{ReadKey} read"));
        var writer = Bearer(WriteKey);
        var reader = Bearer(ReadKey);

        await test.CreateAsync("secret-collection", 4, writer);
        await test.UpsertAsync("secret-collection", [TestServer.Point(1, 4)], writer);
        var none = await Assert.ThrowsAsync<RpcException>(() => test.Client.ListCollectionsAsync(new ListCollectionsRequest()).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "secret-collection" }, Bearer("guess-0123456789abcdef")).ResponseAsync);
        var unknownWrong = await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "nope" }, Bearer("x")).ResponseAsync);
        var readSearch = await test.Client.SearchAsync(new SearchRequest { Collection = "secret-collection", Vector = { 1, 0, 0, 0 }, K = 1 }, reader);
        var readWrite = await Assert.ThrowsAsync<RpcException>(() => test.UpsertAsync("secret-collection", [TestServer.Point(2, 4)], reader));
        var health = await test.Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated), (none.StatusCode, wrong.StatusCode, unknownWrong.StatusCode));
        Assert.DoesNotContain("secret", none.Status.Detail + wrong.Status.Detail);
        Assert.Equal(wrong.Status.Detail, unknownWrong.Status.Detail);
        Assert.Equal(1ul, readSearch.Hits[0].Id);
        Assert.Equal(StatusCode.PermissionDenied, readWrite.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
