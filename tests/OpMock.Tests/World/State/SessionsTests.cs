using Microsoft.Extensions.Time.Testing;
using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

public sealed class SessionsTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    private static Change Message(string id, int characters) => new("msg:c1", id, "~content", $"\"{new string('字', characters)}\"");

    private async Task<Overlay> WriteAsync(Sessions sessions, string session, Change change)
    {
        var head = await sessions.Store.HeadAsync(session, CancellationToken.None);
        var before = await sessions.OverlayAsync(session, head.Version, CancellationToken.None);
        return await sessions.ApplyAsync(session, before, [change], CancellationToken.None);
    }

    [Fact]
    public async Task ResetAsync_OneSessionThenAll_ForgetsTheirOverlays()
    {
        // Given two sessions whose writes this server keeps overlays of
        await using var sessions = Sessions.InMemory(time);
        var a = await WriteAsync(sessions, "a", Message("m1", 1_000));
        var b = await WriteAsync(sessions, "b", Message("m1", 2_000));
        sessions.KeptBytes.ShouldBe(a.Bytes + b.Bytes);

        // When one is reset, then all
        await sessions.ResetAsync("a", CancellationToken.None);
        var afterOne = sessions.KeptBytes;
        await sessions.ResetAsync(null, CancellationToken.None);

        // Then what each held is no longer kept, and the store forgot them too
        afterOne.ShouldBe(b.Bytes);
        sessions.KeptBytes.ShouldBe(0);
        (await sessions.Store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_SessionsExpireAndOthersWrite_KeptOverlaysStayWithinTheStoresBudget()
    {
        // Given a store whose sessions idle out after an hour and hold 200 KB together
        var limits = StateLimits.Default with { Idle = TimeSpan.FromHours(1), Bytes = 200 * 1024 };
        await using var sessions = Sessions.InMemory(time, limits);

        // When, hour after hour, new sessions write while the old ones expire (their overlays stale)
        var kept = new List<long>();
        for (var hour = 0; hour < 12; hour++)
        {
            for (var i = 0; i < 3; i++)
            {
                await WriteAsync(sessions, $"h{hour}-{i}", Message("m1", 12_000));
                kept.Add(sessions.KeptBytes);
            }

            time.Advance(limits.Idle);
        }

        // Then the overlays kept never hold more than the store's budget (without the bound: 36 sessions' worth)
        kept.ShouldAllBe(bytes => bytes <= limits.Bytes);
        kept.Max().ShouldBeGreaterThan(limits.Bytes / 2);
    }
}
