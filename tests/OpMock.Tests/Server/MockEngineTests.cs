using System.Collections.Immutable;
using System.Text;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class MockEngineTests
{
    private static readonly ImmutableDictionary<string, string> NoQuery = ImmutableDictionary<string, string>.Empty;

    public static TheoryData<bool, string, string> Requests => new()
    {
        { false, "/op/v2/getChatInfoByUserId", """{"userId":"u0001cached"}""" },
        { false, "/op/v2/receives", """{"staffId":""}""" },
        { true, "/opapp/transfer", """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001cached"}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Handle_SameRequestRepeated_CachedFromTheSecondSightAndTheSameBytes(bool app, string path, string body)
    {
        // Given an engine, and a fresh one to compare with
        var engine = await NewEngineAsync();
        var fresh = await (await NewEngineAsync()).HandleAsync(Request(path, body), app, default);

        // When the same request comes three times
        var first = await engine.HandleAsync(Request(path, body), app, default);
        engine.CachedAnswers.ShouldBe(0);
        var second = await engine.HandleAsync(Request(path, body), app, default);
        engine.CachedAnswers.ShouldBe(1);
        var third = await engine.HandleAsync(Request(path, body), app, default);

        // Then a request seen once is not cached, one seen twice is, and every answer is the fresh engine's
        foreach (var reply in new[] { first, second, third })
        {
            reply.Status.ShouldBe(200);
            Encoding.UTF8.GetString(reply.Body).ShouldBe(Encoding.UTF8.GetString(fresh.Body));
        }
    }

    [Fact]
    public async Task Handle_ManyUsersEachOnce_CachesNothing()
    {
        // Given an engine
        var engine = await NewEngineAsync();

        // When 500 users are each asked for once (traffic that never repeats)
        for (var i = 0; i < 500; i++)
        {
            (await engine.HandleAsync(Request("/op/v2/getChatInfoByUserId", $$"""{"userId":"u0001once{{i}}"}"""), app: false, default)).Status.ShouldBe(200);
        }

        // Then none of those answers is kept
        engine.CachedAnswers.ShouldBe(0);
    }

    private static MockRequest Request(string path, string body) =>
        MockRequest.Create("POST", path, "application/json", Encoding.UTF8.GetBytes(body), NoQuery, scenario: null);

    private static async Task<MockEngine> NewEngineAsync() =>
        new(await MockState.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides, Repo.Fixtures, seed: null), new FixedTime());
}
