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
    public const int DefaultQueue = 1000;
    public const int DefaultHistory = 100;

    private readonly Lock gate = new();
    private readonly FeedEntry?[] history;
    private readonly List<FeedClient> clients = [];
    private long sequence;
    private bool completed;

    public LiveFeed(int maxClients = DefaultClients, int queueBound = DefaultQueue, int historyBound = DefaultHistory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueBound, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(historyBound);
        MaxClients = maxClients;
        QueueBound = queueBound;
        HistoryBound = historyBound;
        history = new FeedEntry?[historyBound];
    }

    public int MaxClients { get; }

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
    public FeedClient? Subscribe(long? after, out IReadOnlyList<FeedEntry> replay)
    {
        lock (gate)
        {
            replay = [];
            if (completed || clients.Count >= MaxClients)
            {
                return null;
            }

            var client = new FeedClient(this, QueueBound);
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
    private long dropped;
    private long droppedTotal;

    internal FeedClient(LiveFeed feed, int bound)
    {
        this.feed = feed;
        queue = Channel.CreateBounded<FeedEntry>(
            new BoundedChannelOptions(bound) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ =>
            {
                Interlocked.Increment(ref dropped);
                Interlocked.Increment(ref droppedTotal);
            });
    }

    public ChannelReader<FeedEntry> Reader => queue.Reader;

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
}
