using OpMock.Core.Server;

namespace OpMock.Core.Console;

/// <summary>
/// The web console as a part of a serving mock: its pages under `/__opmock/` on both ports, fed every exchange the
/// server answers. `opmock serve` attaches it (<see cref="MockServerOptions.Parts"/>); the server itself names no console.
/// </summary>
internal sealed class ConsolePart : IServerPart
{
    private readonly ConsoleEndpoint console;
    private readonly IDisposable feed;

    private ConsolePart(ServerSeams seams)
    {
        console = new ConsoleEndpoint(new ServeConsole(seams.Engine, seams.Ports, seams.Base), new LiveFeed(), seams.AdminCheck, seams.Bodies, seams.Time);
        feed = seams.Exchanges.Subscribe(console.Feed);
        seams.Endpoints.Add(ConsoleEndpoint.Prefix + "/", guarded: true, (context, _) => console.TryHandleAsync(context));
    }

    public static ConsolePart Attach(ServerSeams seams) => new(seams);

    /// <summary>The console's live log: every answered request, for the pages watching.</summary>
    public LiveFeed Feed => console.Feed;

    /// <summary>Ends the pages' live streams, then stops watching.</summary>
    public void Dispose()
    {
        console.Feed.Complete();
        feed.Dispose();
    }
}
