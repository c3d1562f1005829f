using System.Collections.Immutable;
using Bogus;

namespace OpMock.Core.World.Catalog;

/// <summary>
/// A fixed table of items with integer weights (their shares in a large world), picked with one draw.
/// Built once into static readonly fields; nothing in it changes after construction.
/// </summary>
internal sealed class Weighted<T>
{
    private readonly ImmutableArray<T> items;
    private readonly int[] upTo;

    public Weighted(params (T Item, int Weight)[] entries)
    {
        if (entries.Length == 0 || entries.Any(e => e.Weight <= 0))
        {
            throw new ArgumentException("A weighted table needs entries with positive weights.", nameof(entries));
        }

        items = [.. entries.Select(e => e.Item)];
        upTo = new int[entries.Length];
        var total = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            total += entries[i].Weight;
            upTo[i] = total;
        }
    }

    public int Total => upTo[^1];

    public ImmutableArray<T> Items => items;

    public T Pick(Randomizer random) => At(random.Number(0, Total - 1));

    /// <summary>A pick from a hash, for a value that two generators must agree on without sharing a Randomizer.</summary>
    public T Pick(ulong hash) => At((int)(hash % (ulong)Total));

    /// <summary>The share of the world that gets this item, e.g. 0.3 for weight 30 out of 100.</summary>
    public double Share(T item)
    {
        var i = items.IndexOf(item);
        return i < 0 ? 0 : (double)(upTo[i] - (i == 0 ? 0 : upTo[i - 1])) / Total;
    }

    private T At(int ticket)
    {
        // Tables are a few dozen entries at most: a linear scan beats a binary search here.
        var i = 0;
        while (upTo[i] <= ticket)
        {
            i++;
        }

        return items[i];
    }
}
