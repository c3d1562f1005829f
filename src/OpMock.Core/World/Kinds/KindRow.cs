using System.Collections.Immutable;

namespace OpMock.Core.World.Kinds;

/// <summary>
/// A field of a kind that holds another entity's id (<c>userId</c>, <c>handlerId</c> described 处理人OP的ID), and the
/// fields beside it that show that entity (<c>handlerName</c> → the OP's name): each beside field with the attribute
/// of the related kind it shows.
/// </summary>
internal sealed record Relation(string Field, EntityKind Target, ImmutableDictionary<string, Attr> Beside);

/// <summary>
/// How the world numbers a kind's entities, for the kinds whose entities own others (an OP's tickets, a user's coupons):
/// how many it generates, the number an id has (null for an id it did not generate), the id of a number; and whether the
/// examples show entities of it the world did not generate (the docs' OP, their users), owners too.
/// </summary>
internal sealed record Population(Func<WorldOptions, int> Count, Func<OpWorld, string, int?> IndexOf, Func<OpWorld, int, string> IdAt, bool ExamplesShowOthers);

/// <summary>
/// One row of the kinds table (<see cref="KindTable"/>): everything the world knows about a kind of entity. The four
/// built-in kinds (user, chat, OP, message) are its first rows; the others come from the docs (<see cref="KindDiscovery"/>).
/// </summary>
/// <param name="Kind">The handle the world's code and the session records use for the kind.</param>
/// <param name="Name">The kind's name: the id field without its <c>Id</c> (<c>ticket</c>), as <c>opmock serve</c> lists it.</param>
/// <param name="IdFields">Request and response fields that name an entity of the kind by id, strongest first.</param>
/// <param name="Sections">Field and section names of objects (or lists) about the kind (<c>Ticket</c>, <c>tickets</c>).</param>
/// <param name="Parts">Id fields of lists the kind's entities hold as attributes (a user's <c>userAddressId</c>): no kind of their own.</param>
internal sealed record KindRow(EntityKind Kind, string Name, ImmutableArray<string> IdFields, ImmutableArray<string> Sections, ImmutableArray<string> Parts)
{
    /// <summary>Every field of every object, in every doc, that carries the kind's id: the kind's attributes.</summary>
    public ImmutableArray<string> Attributes { get; init; } = [];

    public ImmutableArray<Relation> Relations { get; init; } = [];

    /// <summary>
    /// The relation a list request names the kind's entities by (<c>staffId</c> 处理人OP的ID → <c>handlerId</c>); null when
    /// no list is asked for by a related entity. Its field may be one no item shows (an OP's quick replies name no OP).
    /// </summary>
    public Relation? Owner { get; init; }

    /// <summary>The attribute that numbers the entities' places in their owner's list (sort, seq): a created one is last.</summary>
    public string? Position { get; init; }

    /// <summary>The attribute that holds the entity's start instant (createTime): created entities start now.</summary>
    public string? StartField { get; init; }

    public Rules.IdShape Shape { get; init; } = Rules.IdShape.Fallback;

    /// <summary>How the world numbers the kind's entities (user, OP, chat); null for a kind whose entities own none.</summary>
    public Population? Population { get; init; }

    /// <summary>
    /// Every example object, in every doc, that carries the kind's id: the samples its fields are generated from, the
    /// same on every route, so a detail shows the values its list shows.
    /// </summary>
    public ImmutableArray<System.Text.Json.Nodes.JsonObject> Examples { get; init; } = [];

    /// <summary>The routes that show, list, create, change or delete the kind, for <c>opmock serve</c>'s listing.</summary>
    public ImmutableArray<string> Routes { get; init; } = [];

    /// <summary>Where the docs tell of the kind (file:line of its id field's first row), for errors about it.</summary>
    public string Source { get; init; } = "";

    /// <summary>The routes on which the kind's ids name it (a fixture's split); null for every route.</summary>
    public ImmutableHashSet<string>? Only { get; init; }

    /// <summary>Routes on which another kind split off claims the kind's ids.</summary>
    public ImmutableHashSet<string> NotOn { get; init; } = [];

    /// <summary>Whether the kind's ids name it on <paramref name="route"/>.</summary>
    public bool Serves(string route) => (Only is null || Only.Contains(route)) && !NotOn.Contains(route);

    public bool IsBuiltIn => Kind is EntityKind.User or EntityKind.Chat or EntityKind.Op or EntityKind.Message;

    /// <summary>One line for <c>opmock serve</c>: the kind, its id, what lists it, its relations and its routes.</summary>
    public string Describe(KindTable table)
    {
        var by = Owner is { } owner ? $"; listed by {owner.Field} ({table.NameOf(owner.Target)})" : "";
        var related = Relations.IsEmpty ? "" : "; relations " + string.Join(", ", Relations.Select(r => $"{r.Field} → {table.NameOf(r.Target)}"));
        return $"{Name} ({string.Join("/", IdFields)}, from {Source}){by}{related}: {string.Join(" ", Routes)}";
    }

    /// <summary>The relation held in <paramref name="field"/>, if any.</summary>
    public Relation? RelationOf(string field) =>
        Relations.FirstOrDefault(r => string.Equals(r.Field, field, StringComparison.OrdinalIgnoreCase))
        ?? (Owner is { } owner && string.Equals(owner.Field, field, StringComparison.OrdinalIgnoreCase) ? owner : null);
}
