using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World.State;

namespace OpMock.Core.World.Kinds;

/// <summary>An entity of a kind the docs describe: its id, the entity its lists are asked by, and when it started.</summary>
/// <param name="Number">Its number in the seeded world; null for one a session created or an id no generated entity has.</param>
internal sealed record Thing(KindRow Row, string Id, string OwnerId, DateTimeOffset Start, long? Number);

/// <summary>
/// The entities of the discovered kinds, generated from (seed, kind, number) whenever asked for, as users and chats
/// are: nothing is stored, a million OPs cost no memory. Owner <c>j</c> (the OP a ticket list is asked by) has entities
/// <c>j·PerOwner + k</c> for k below its drawn count, newest first; an id's sequence is that number
/// (<see cref="Rules.IdShape"/>), so a detail finds what its list showed. A session's creates, changes and deletes are
/// records of the kind in its <see cref="Overlay"/>.
/// </summary>
internal sealed class Things(WorldOptions options, KindTable kinds)
{
    /// <summary>The most entities of one kind one owner has, unless an example page's total says more.</summary>
    public const int PerOwner = 20;

    /// <summary>
    /// The record of an entity that holds the session's writes on it, oldest first, for its history
    /// (<see cref="Rules.HistoryStory.ForWrite"/>): each <c>{at, create, status, by, remark}</c>.
    /// </summary>
    public const string Events = "@events";

    /// <summary>The entity an id names: one its session created, a generated one, or one made up from the id, shown under the id asked for.</summary>
    public Thing Of(OpWorld world, KindRow row, string id)
    {
        if (world.Overlay.Thing(row.Name, id) is { } created && Text(created, Records.Owner) is { } owner)
        {
            return new Thing(row, id, owner, Instant(created, Records.Start) ?? options.Anchor, null);
        }

        if (world.Facts.ThingOwners.TryGetValue((row.Kind, id), out var shownOwner))
        {
            // An entity an example shows (an item of a user's points log): its owner's, from the instant it shows.
            return new Thing(row, id, shownOwner, ExampleStart(world, row, id) ?? options.Anchor.AddDays(-1), null);
        }

        if (row.Shape.Number(id) is { } number && Generated(world, row, number) is { } generated)
        {
            return generated with { Id = id };
        }

        var drawn = StableHash.Of(options.Seed, "kind-made-up", row.Name, id);
        var index = (int)(drawn % (ulong)OwnerCount(row));
        var madeUpOwner = OwnerId(world, row, index);
        return new Thing(row, id, madeUpOwner, StartOf(world, row, index, (int)(drawn >> 32) % PerOwner, madeUpOwner), null);
    }

    /// <summary>
    /// The entities related to <paramref name="ownerId"/> through the kind's owner relation, as its session sees them:
    /// those an example lists for it and the generated ones, then those it created — not those it deleted — newest first.
    /// </summary>
    public IReadOnlyList<Thing> OfOwner(OpWorld world, KindRow row, string ownerId)
    {
        var all = new List<Thing>();
        if (world.Facts.ThingLists.GetValueOrDefault((row.Kind, ownerId)) is { } shown)
        {
            all.AddRange(shown.Ids.Select(id => Of(world, row, id)));
        }

        if (OwnerIndex(world, row, ownerId) is { } j)
        {
            for (var k = 0; k < Count(world, row, j); k++)
            {
                if (Generated(world, row, Number(world, row, j, k)) is { } generated)
                {
                    all.Add(generated);
                }
            }
        }

        if (!world.Overlay.IsEmpty)
        {
            all.RemoveAll(t => world.Overlay.Thing(row.Name, t.Id)?.ContainsKey(Records.Deleted) == true);
            foreach (var (id, fields) in world.Overlay.Things(row.Name))
            {
                if (Text(fields, Records.Owner) == ownerId && !fields.ContainsKey(Records.Deleted))
                {
                    all.Add(new Thing(row, id, ownerId, Instant(fields, Records.Start) ?? options.Anchor, null));
                }
            }

        }

        // Stable: entities of one instant keep their example's (or their numbers') order.
        return world.Overlay.IsEmpty && all.Count == 0 ? all : [.. all.OrderByDescending(t => t.Start)];
    }

    /// <summary>A number no generated entity of the kind has, for the entity a session's <paramref name="seq"/>-th write creates.</summary>
    public long Fresh(OpWorld world, KindRow row, long seq) => End(world, row) + Extras(world, row).Sum(e => (long)e.Count) + seq;

    /// <summary>The id of the entity a relation of <paramref name="thing"/> names (its handler, its user): the world's ids, so following it lands on a real entity.</summary>
    public string Related(OpWorld world, Thing thing, Relation relation)
    {
        if (world.Overlay.Thing(thing.Row.Name, thing.Id) is { } changed && Text(changed, Facts.Key(relation.Field)) is { } set)
        {
            return set;
        }

        if (thing.Number is null && world.Facts.Of(thing.Row.Kind, thing.Id) is { } shown && Text(shown, Facts.Key(relation.Field)) is { Length: > 0 } named)
        {
            // The entity an example entity names is the one its example shows.
            return named;
        }

        var owner = thing.Row.Owner;
        if (owner is not null && (ReferenceEquals(owner, relation) || (owner.Field == relation.Field && owner.Target == relation.Target)))
        {
            return thing.OwnerId;
        }

        var drawn = StableHash.Of(options.Seed, "kind-related", thing.Row.Name + ":" + relation.Field, thing.Id);
        var ownerKind = owner?.Target ?? EntityKind.None;
        switch (relation.Target)
        {
            case EntityKind.Op:
                return ownerKind == EntityKind.User ? world.ChatOf(thing.OwnerId).OperatorId
                    : ownerKind == EntityKind.Chat ? world.ChatById(thing.OwnerId).OperatorId
                    : world.OpId((int)(drawn % (ulong)options.Ops));
            case EntityKind.User:
                // An OP's entity is about a user the OP serves, when it serves any.
                return ownerKind == EntityKind.Op && world.Op(thing.OwnerId).Users is { IsDefaultOrEmpty: false } served ? served[(int)(drawn % (ulong)served.Length)]
                    : ownerKind == EntityKind.Chat ? world.ChatById(thing.OwnerId).UserId
                    : world.UserId((int)(drawn % (ulong)options.Users));
            case EntityKind.Chat:
                return ownerKind == EntityKind.Chat ? thing.OwnerId
                    : world.ChatOf(thing.Row.Relations.FirstOrDefault(r => r.Target == EntityKind.User) is { } user ? Related(world, thing, user)
                        : ownerKind == EntityKind.User ? thing.OwnerId : world.UserId((int)(drawn % (ulong)options.Users))).ChatId;
            case var target when world.Kinds.Row(target) is { IsBuiltIn: false } other:
                return Related(world, thing, other, drawn);
            default:
                return world.MessagesOf(world.ChatOf(world.UserId((int)(drawn % (ulong)options.Users))))[^1].Id;
        }
    }

    /// <summary>
    /// The entity of another described kind <paramref name="thing"/> names (an evaluation's order): one of those its own
    /// relations lead to — the order of the evaluation's user, as the user's order list shows it — else a generated one.
    /// </summary>
    private string Related(OpWorld world, Thing thing, KindRow other, ulong drawn)
    {
        if (other.Owner is { } by)
        {
            var ownerId = thing.Row.Owner is { } mine && mine.Target == by.Target ? thing.OwnerId
                : thing.Row.Relations.FirstOrDefault(r => r.Target == by.Target) is { } relation ? Related(world, thing, relation)
                : null;
            if (ownerId is not null && OfOwner(world, other, ownerId) is { Count: > 0 } listed)
            {
                return listed[(int)(drawn % (ulong)listed.Count)].Id;
            }
        }

        // Owners from a drawn one on, until one has an entity: a generated entity of the kind, found by its id.
        for (var t = 0L; t < OwnerCount(other); t++)
        {
            var j = (int)((drawn + (ulong)t) % (ulong)OwnerCount(other));
            if (Count(world, other, j) is var count and > 0 && Generated(world, other, Number(world, other, j, (int)((drawn >> 16) % (ulong)count))) is { } generated)
            {
                return generated.Id;
            }
        }

        return other.Shape.Format(0, options.Anchor);
    }

    private Thing? Generated(OpWorld world, KindRow row, long number)
    {
        if (number < 0)
        {
            return null;
        }

        var (j, k) = Split(world, row, number);
        if (j < 0 || j >= OwnerCount(row) + Shown(world, row).Length || k >= Count(world, row, j))
        {
            return null;
        }

        var ownerId = OwnerId(world, row, j);
        var start = StartOf(world, row, j, k, ownerId);
        var id = row.Shape.Format(number, start);
        // An id an example gives one of its entities (c1024) names that entity: no generated one has it.
        return world.Facts.ThingOwners.Count > 0 && world.Facts.ThingOwners.ContainsKey((row.Kind, id)) ? null : new Thing(row, id, ownerId, start, number);
    }

    /// <summary>
    /// Entity k of an owner started k steps back from now (so its list is newest first), a stable fraction of a step
    /// apart. An owner an example lists entities for has its generated ones after them in the example's order: older
    /// than the oldest (a list newest first), or between the newest and now (oldest first).
    /// </summary>
    private DateTimeOffset StartOf(OpWorld world, KindRow row, int owner, int k, string ownerId)
    {
        var step = TimeSpan.FromDays(options.WindowDays) / PerOwner;
        var fraction = (StableHash.Of(options.Seed, "kind-start", row.Name, owner * PerOwner + k) % 10_000) / 10_000d;
        var start = options.Anchor - (step * (k + fraction));
        if (world.Facts.ThingLists.Count > 0 && world.Facts.ThingLists.GetValueOrDefault((row.Kind, ownerId)) is { Ids.Length: > 0 } shown)
        {
            var starts = shown.Ids.Select(id => ExampleStart(world, row, id)).OfType<DateTimeOffset>().ToList();
            if (starts.Count > 0 && shown.NewestFirst)
            {
                start = starts.Min() - TimeSpan.FromMinutes(1) - (step * (k + fraction));
            }
            else if (starts.Count > 0)
            {
                var gap = (options.Anchor - starts.Max()) / (Count(world, row, owner) + 1);
                start = starts.Max() + TimeSpan.FromSeconds(1) + (gap * (k + 1));
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds()).ToOffset(WorldOptions.ChinaOffset);
    }

    /// <summary>The instant an example entity starts at, as its example shows it (moved to the present with every example instant).</summary>
    private static DateTimeOffset? ExampleStart(OpWorld world, KindRow row, string id) =>
        ExampleFacts.Instant(world.Facts.Of(row.Kind, id)?.GetValueOrDefault(Facts.Key(Attr.CreateTime)))?.ToOffset(WorldOptions.ChinaOffset);

    /// <summary>
    /// How many entities owner <paramref name="owner"/> has: drawn; at least one for an owner an example shows (it shows
    /// it in use); as many as make the example page's total with those the example lists.
    /// </summary>
    private int Count(OpWorld world, KindRow row, int owner)
    {
        if (world.Facts.ThingLists.Count > 0 && world.Facts.ThingLists.GetValueOrDefault((row.Kind, OwnerId(world, row, owner))) is { Total: { } total } shown)
        {
            return Math.Clamp(total - shown.Ids.Length, 0, Lists.ListAssembly.ExampleMax);
        }

        var drawn = (int)(StableHash.Of(options.Seed, "kind-count", row.Name, owner) % (PerOwner + 1));
        return owner >= OwnerCount(row) ? Math.Max(1, drawn) : drawn;
    }

    /// <summary>
    /// The number of owner <paramref name="owner"/>'s entity <paramref name="k"/>: <c>owner·PerOwner + k</c>, so a detail
    /// finds what its list showed; past <see cref="PerOwner"/> (an example page's total of 56), after every owner's block.
    /// </summary>
    private long Number(OpWorld world, KindRow row, int owner, int k) => k < PerOwner
        ? ((long)owner * PerOwner) + k
        : End(world, row) + Extras(world, row).TakeWhile(e => e.Owner != owner).Sum(e => (long)e.Count) + (k - PerOwner);

    /// <summary>The owner and the place in its list of the entity numbered <paramref name="number"/>; owner −1 for no generated one.</summary>
    private (int Owner, int K) Split(OpWorld world, KindRow row, long number)
    {
        var end = End(world, row);
        if (number < end)
        {
            return ((int)(number / PerOwner), (int)(number % PerOwner));
        }

        foreach (var (owner, count) in Extras(world, row))
        {
            if (number - end < count)
            {
                return (owner, PerOwner + (int)(number - end));
            }

            end += count;
        }

        return (-1, 0);
    }

    /// <summary>Past the owners' blocks: where the numbers of longer example lists, then those of created entities, begin.</summary>
    private long End(OpWorld world, KindRow row) => (long)(OwnerCount(row) + Shown(world, row).Length) * PerOwner;

    /// <summary>The owners an example page's total gives more entities than a block holds, in owner order, with how many more.</summary>
    private IEnumerable<(int Owner, int Count)> Extras(OpWorld world, KindRow row) => world.Facts.ThingLists.Count == 0 ? []
        : world.Facts.ThingLists.Where(l => l.Key.Kind == row.Kind && l.Value.Total > l.Value.Ids.Length + PerOwner)
            .Select(l => (Owner: OwnerIndex(world, row, l.Key.Owner) ?? -1, Count: Math.Min(Lists.ListAssembly.ExampleMax, l.Value.Total!.Value - l.Value.Ids.Length) - PerOwner))
            .Where(e => e.Owner >= 0 && e.Count > 0).OrderBy(e => e.Owner);

    /// <summary>
    /// The owners the examples show that the world did not generate (the docs' OP, their users): owners
    /// <see cref="OwnerCount"/> + i, so their entities are numbered, listed and found by id as the world's are.
    /// </summary>
    private static System.Collections.Immutable.ImmutableArray<string> Shown(OpWorld world, KindRow row) => row.Owner is { } owner
        ? world.ShownOwners(owner.Target)
        : [];

    /// <summary>The owner kind's numbering (the kinds table's): an owner of no numbered kind is one, owner 0.</summary>
    private Population? OwnersOf(KindRow row) => row.Owner is { } owner ? kinds.Row(owner.Target)?.Population : null;

    private int OwnerCount(KindRow row) => OwnersOf(row)?.Count(options) ?? 1;

    private int? OwnerIndex(OpWorld world, KindRow row, string ownerId)
    {
        var index = OwnersOf(row) is { } population ? population.IndexOf(world, ownerId) : 0;
        if (index is { } i && i < OwnerCount(row))
        {
            return i;
        }

        var shown = Shown(world, row).IndexOf(ownerId);
        return shown >= 0 ? OwnerCount(row) + shown : null;
    }

    private string OwnerId(OpWorld world, KindRow row, int index) => index >= OwnerCount(row) && Shown(world, row) is { Length: > 0 } shown ? shown[index - OwnerCount(row)]
        : OwnersOf(row)?.IdAt(world, index) ?? "";

    private static string? Text(IReadOnlyDictionary<string, JsonNode?> fields, string key) =>
        fields.GetValueOrDefault(key) is JsonValue value ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString() : null;

    private static DateTimeOffset? Instant(IReadOnlyDictionary<string, JsonNode?> fields, string key) =>
        fields.GetValueOrDefault(key) is JsonValue value && value.TryGetValue<long>(out var millis) ? DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(WorldOptions.ChinaOffset) : null;
}
