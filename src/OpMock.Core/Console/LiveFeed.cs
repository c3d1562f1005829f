using System.Threading.Channels;
using OpMock.Core.Server;

namespace OpMock.Core.Console;

/// <summary>
/// The console's live log: each answered request becomes an entry that every connected page receives, newest
/// last. Bounded whatever the traffic: at most <see cref="MaxClients"/> pages at once, each with a queue of at most
/// <see cref="QueueBound"/> entries (a page that reads slower than requests arrive loses the oldest and is told
/// how many), and the last <see cref="HistoryBound"/> entries kept to show a page that has just opened.
/// </summary>
/// <remarks>
/// Publishing never blocks a request: it takes one short lock and writes to channels that drop instead of
/// waiting. An entry's JSON is built once, the first time a page needs it, so traffic nobody watches costs
/// only the entry object.
/// </remarks>
internal sealed class LiveFeed : IExchangeSink
{
    public const int DefaultClients = 8;

    /// <summary>Streams one client (one address) may hold: a single client never takes the whole feed.</summary>
    public const int DefaultPerClient = 6;

    /// <summary>A stream that wrote nothing (not even a heartbeat) for this long is idle, and gives way to a new page.</summary>
    public static readonly TimeSpan DefaultGiveWayAfter = EventStream.DefaultHeartbeat * 2;
    public const int DefaultQueue = 1000;
    public const int DefaultHistory = 100;

    private readonly Lock gate = new();
    private readonly FeedEntry?[] history;
    private readonly List<FeedClient> clients = [];
    private readonly TimeProvider time;
    private long sequence;
    private bool completed;

    /// <param name="time">The clock streams' idleness is judged by.</param>
    public LiveFeed(int maxClients = DefaultClients, int queueBound = DefaultQueue, int historyBound = DefaultHistory, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueBound, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(historyBound);
        MaxClients = maxClients;
        QueueBound = queueBound;
        HistoryBound = historyBound;
        history = new FeedEntry?[historyBound];
    }

    public int MaxClients { get; }

    public int MaxPerClient { get; init; } = DefaultPerClient;

    public TimeSpan GiveWayAfter { get; init; } = DefaultGiveWayAfter;

    internal long Now => time.GetTimestamp();

    internal TimeSpan Since(long timestamp) => time.GetElapsedTime(timestamp);

    public int QueueBound { get; }

    public int HistoryBound { get; }

    /// <summary>How many pages are connected now.</summary>
    public int Clients
    {
        get
        {
            lock (gate)
            {
                return clients.Count;
            }
        }
    }

    /// <summary>Whether the feed has ended (the server is stopping): no page can connect any more.</summary>
    public bool Completed
    {
        get
        {
            lock (gate)
            {
                return completed;
            }
        }
    }

    /// <summary>An exchange of the mock server, unless it is the console's own traffic (its page, its API, its stream).</summary>
    public void Record(Exchange exchange)
    {
        if (!ConsoleEndpoint.IsOwnTraffic(exchange.Path, exchange.RequestHeaders))
        {
            Publish(() => ExchangeRow.Write(exchange));
        }
    }

    /// <summary>Hands an entry to every connected page and to the history; <paramref name="json"/> runs at most once, when first needed.</summary>
    public void Publish(Func<byte[]> json)
    {
        lock (gate)
        {
            if (completed)
            {
                return;
            }

            var entry = new FeedEntry(++sequence, json);
            if (history.Length > 0)
            {
                history[(int)(entry.Sequence % history.Length)] = entry;
            }

            foreach (var client in clients)
            {
                client.Offer(entry);
            }
        }
    }

    /// <summary>
    /// Connects a page: null when <see cref="MaxClients"/> are connected already or the feed has ended. The entries
    /// the page has not seen yet (after <paramref name="after"/>, the last id it saw; all kept ones when null) come in
    /// <paramref name="replay"/>, oldest first; every later one comes through the client's queue, with no gap between.
    /// </summary>
    public FeedClient? Subscribe(long? after, out IReadOnlyList<FeedEntry> replay) => Subscribe(after, out replay, "", null, out _);

    /// <summary>
    /// Connects a page of <paramref name="owner"/> (a client's address). When the feed, or the owner's share of it,
    /// is full, the stream idle longest there (it wrote nothing for <see cref="GiveWayAfter"/>: a page that stopped
    /// reading, or went away unnoticed) is ended to make room, through its <paramref name="evict"/>; when every one
    /// of them is active the page is refused, <paramref name="why"/> naming the limit hit.
    /// </summary>
    public FeedClient? Subscribe(long? after, out IReadOnlyList<FeedEntry> replay, string owner, Action? evict, out string? why)
    {
        lock (gate)
        {
            replay = [];
            why = null;
            if (completed)
            {
                why = "the server is stopping";
                return null;
            }

            // No owner (a caller that does not say): only the feed's own bound applies.
            var mine = owner.Length == 0 ? [] : clients.Where(c => c.Owner == owner).ToList();
            List<FeedClient>? full = null;
            var limit = "";
            if (mine.Count >= MaxPerClient)
            {
                (full, limit) = (mine, $"this client already has {MaxPerClient} live-log streams open");
            }
            else if (clients.Count >= MaxClients)
            {
                (full, limit) = (clients, $"the live log serves at most {MaxClients} pages at once");
            }

            if (full is not null)
            {
                var idlest = full.MinBy(c => c.LastActive)!;
                if (Since(idlest.LastActive) < GiveWayAfter)
                {
                    why = $"{limit}, each of them active within the last {GiveWayAfter.TotalSeconds:0} s; close another console tab and reload";
                    return null;
                }

                clients.Remove(idlest);
                idlest.Evict();
            }

            var client = new FeedClient(this, QueueBound, owner, evict);
            clients.Add(client);
            replay = [.. history.OfType<FeedEntry>().Where(e => e.Sequence > (after ?? 0)).OrderBy(e => e.Sequence)];
            return client;
        }
    }

    /// <summary>Ends the feed (the server is stopping): every page's stream ends once it has read what is queued.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completed = true;
            foreach (var client in clients)
            {
                client.End();
            }
        }
    }

    internal void Leave(FeedClient client)
    {
        lock (gate)
        {
            clients.Remove(client);
        }
    }
}

/// <summary>One entry of the live log: its place in the feed (the SSE event id) and its JSON, built once on demand.</summary>
internal sealed class FeedEntry(long sequence, Func<byte[]> build)
{
    private readonly Lazy<byte[]> json = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    public long Sequence => sequence;

    public byte[] Json => json.Value;
}

/// <summary>
/// One connected page: a queue that keeps the newest <see cref="LiveFeed.QueueBound"/> entries and counts what it
/// had to drop, so the page can say how many it missed. Disposing it disconnects the page.
/// </summary>
internal sealed class FeedClient : IDisposable
{
    private readonly LiveFeed feed;
    private readonly Channel<FeedEntry> queue;
    private readonly Action? evict;
    private long dropped;
    private long droppedTotal;
    private long lastActive;

    internal FeedClient(LiveFeed feed, int bound, string owner = "", Action? evict = null)
    {
        this.feed = feed;
        this.evict = evict;
        Owner = owner;
        lastActive = feed.Now;
        queue = Channel.CreateBounded<FeedEntry>(
            new BoundedChannelOptions(bound) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ =>
            {
                Interlocked.Increment(ref dropped);
                Interlocked.Increment(ref droppedTotal);
            });
    }

    public ChannelReader<FeedEntry> Reader => queue.Reader;

    /// <summary>Whose stream this is (a client's address): the share it counts against.</summary>
    public string Owner { get; }

    /// <summary>When the stream last wrote to its page (a timestamp of the feed's clock).</summary>
    public long LastActive => Interlocked.Read(ref lastActive);

    /// <summary>The stream wrote to its page: it is being read.</summary>
    public void Touch() => Interlocked.Exchange(ref lastActive, feed.Now);

    /// <summary>How many entries this page has lost in all.</summary>
    public long DroppedTotal => Interlocked.Read(ref droppedTotal);

    /// <summary>How many entries were dropped since the last call: the number the page is told next.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref dropped, 0);

    public void Dispose()
    {
        feed.Leave(this);
        queue.Writer.TryComplete();
    }

    // Called under the feed's lock: one writer at a time.
    internal void Offer(FeedEntry entry) => queue.Writer.TryWrite(entry);

    internal void End() => queue.Writer.TryComplete();

    /// <summary>Gives way to a new page: the queue ends, and the connection is cut (a page that stopped reading would hold a write forever).</summary>
    internal void Evict()
    {
        queue.Writer.TryComplete();
        evict?.Invoke();
    }
}
