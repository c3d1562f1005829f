using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.World.State;

namespace OpMock.Core.World;

/// <summary>A response's <c>data</c>, and its <c>page</c> when the doc pages (null otherwise).</summary>
internal sealed record WorldAnswer(JsonObject Data, JsonObject? Page);

/// <summary>
/// What a write made, for its own answer: the entity it created or acted on (a sent message, a closed chat) and
/// the values its answer echoes (what the request sent, a created item's fields), keyed "~name".
/// </summary>
internal sealed record Written(EntityKind Kind, string? Id, IReadOnlyDictionary<string, JsonNode?> Fields);

/// <summary>
/// The <c>data</c> of a response, for any doc: the entity the request names (<see cref="ObjectPlan.TopKind"/>) shown
/// through the field table (<see cref="WorldMap"/>), shaped to the endpoint's documented fields.
/// </summary>
internal sealed class WorldData
{
    // Worked out once per endpoint (and so once per MockState): requests only index arrays. Plans do not depend on the day.
    private readonly ConcurrentDictionary<Endpoint, EndpointPlan> plans = new(ReferenceEqualityComparer.Instance);
    private readonly OpWorld? fixedWorld;
    private readonly DailyWorld? daily;
    private readonly ApiContract? contract;

    /// <summary>Data from one world, whatever the day (tests, tools).</summary>
    /// <param name="contract">Where the request schemas are: a paging doc's pageSize default and maximum.</param>
    public WorldData(OpWorld world, ApiContract? contract = null)
    {
        fixedWorld = world;
        this.contract = contract;
    }

    /// <summary>Data from the world of the current China day (what the server answers from).</summary>
    public WorldData(DailyWorld worlds, ApiContract? contract = null)
    {
        daily = worlds;
        this.contract = contract;
    }

    /// <summary>The world answers come from now: today's, for a server.</summary>
    public OpWorld World => daily?.Today ?? fixedWorld!;

    /// <param name="request">The request's parameters (a transfer's without reqUrl).</param>
    /// <param name="token">The token query parameter: the current OP when the request names nobody.</param>
    /// <param name="changes">The request's session as its writes changed the world; the seeded world when null or empty.</param>
    /// <param name="written">For a write's own answer: what it made.</param>
    /// <param name="host">The host the request reached (its Host header): image URLs name it. Without one, <see cref="Avatars.FallbackHost"/>.</param>
    public WorldAnswer For(Endpoint endpoint, JsonObject request, string? token, Overlay? changes = null, Written? written = null, string? host = null)
    {
        // One world for the whole answer, even when the day turns while it is made.
        var today = World;
        var world = changes is null ? today : today.In(changes);
        var route = endpoint.IsTransfer && endpoint.TransferTarget is { } target ? target : endpoint.Route;
        var kinds = today.Kinds.On(route);
        var plan = Plan(endpoint, kinds);
        var (requestedKind, requestedId) = kinds.Requested(request);
        var selecting = kinds.Selecting(request);
        if (requestedKind == EntityKind.None && plan.Named(request) is (not EntityKind.None and var kind, { } id, { } field))
        {
            // A request naming a user by its words (customerId 客户ID) asks about that user as a userId would.
            (requestedKind, requestedId, selecting) = (kind, id, field);
        }

        var top = plan.Top(requestedKind);
        var scope = Scope(world, top, requestedKind, requestedId, request, token, route, plan, written).With(written?.Fields ?? Item(world.Overlay, request));
        scope.List = plan.Lists?.Read(request, selecting);
        var random = new Randomizer(StableHash.Seed(world.Options.Seed, "data", route, top.Kind, scope.Id));
        var data = new DataShaper(endpoint, new ValueGenerator(random, world.Options)).Object(endpoint.Output, null, 0, scope);
        Avatars.Link(data, Avatars.Base(host));
        return new WorldAnswer(data, scope.List?.Page is { } page ? plan.Paging!.Write(page, scope.Total ?? 0) : null);
    }

    /// <summary>
    /// A list item the request names by its id field (a detail route: userAddressId) that its session created or
    /// changed: its fields, for the answer's own fields of those names.
    /// </summary>
    private static Dictionary<string, JsonNode?>? Item(Overlay changes, JsonObject request)
    {
        if (changes.IsEmpty || !changes.HasCollections)
        {
            return null;
        }

        var (kind, owner) = Requested(request) is (not EntityKind.None and var named, { } id) ? (named, id) : (EntityKind.None, "");
        // The built-in kinds' ids: a described kind's entities are records of their own, read by WorldScope.
        foreach (var (name, value) in request)
        {
            if (!Actions.ItemIds.IsItemId(name) || value is not JsonValue sent || changes.Items(kind, owner, name) is not { } items)
            {
                continue;
            }

            var itemId = sent.TryGetValue<string>(out var text) ? text : sent.ToJsonString();
            var fields = items.Created.FirstOrDefault(c => c.Id == itemId).Fields ?? items.Changed.GetValueOrDefault(itemId);
            if (fields is not null && !items.Deleted.Contains(itemId))
            {
                return new Dictionary<string, JsonNode?>(fields) { [Facts.Key(name)] = value };
            }
        }

        return null;
    }

    /// <summary>What is wrong with a request its schema lets through (a pageNo past its type's range), or null.</summary>
    public RequestProblem? Check(Endpoint endpoint, JsonObject request) =>
        Plan(endpoint, World.Kinds.On(endpoint.IsTransfer && endpoint.TransferTarget is { } target ? target : endpoint.Route)).Paging?.Check(request);

    // The kinds table is the docs' and so the same every day: plans made with one day's world hold for the next.
    private EndpointPlan Plan(Endpoint endpoint, Kinds.KindTable kinds) =>
        plans.GetOrAdd(endpoint, e => EndpointPlan.Build(e, contract?.Endpoints.FirstOrDefault(s => ReferenceEquals(s.Endpoint, e))?.Request, kinds));

    /// <summary>The entity a request names by a built-in kind's id: chatId before userId before staffId/operatorId; None when it names none.</summary>
    public static (EntityKind Kind, string? Id) Requested(JsonObject request) => Kinds.KindTable.BuiltIn.Requested(request);

    /// <summary>The request field that names the answer's entity among the built-in kinds' ids (see <see cref="Kinds.KindTable.Selecting"/>).</summary>
    public static string? Selecting(JsonObject request) => Kinds.KindTable.BuiltIn.Selecting(request);

    private static WorldScope Scope(OpWorld world, ObjectPlan top, EntityKind kind, string? id, JsonObject request, string? token, string route, EndpointPlan plan, Written? written)
    {
        switch (top.Kind)
        {
            case EntityKind.Message:
                return WorldScope.OfMessage(world, route, top, (written, kind) switch
                {
                    ({ Kind: EntityKind.Message, Id: { } made }, _) => world.MessageById(made),
                    (_, EntityKind.Message) => world.MessageById(id!),
                    (_, EntityKind.Chat) => world.MessagesOf(world.ChatById(id!))[^1],
                    (_, EntityKind.User) => world.MessagesOf(world.ChatOf(id!))[^1],
                    _ => world.MessageById(world.MadeUpUser("request", Key(request, route, plan))),
                });
            case EntityKind.Chat:
                return WorldScope.OfChat(world, route, top, kind switch
                {
                    EntityKind.Chat => world.ChatById(id!),
                    EntityKind.Message => world.ChatById(world.MessageById(id!).ChatId),
                    EntityKind.User => world.ChatOf(id!),
                    EntityKind.Op when world.Op(id!).Users is [var first, ..] => world.ChatOf(first),
                    _ => world.ChatOf(world.MadeUpUser("request", Key(request, route, plan))),
                });
            case EntityKind.User:
                return WorldScope.For(world, route, top, kind switch
                {
                    EntityKind.User => id!,
                    EntityKind.Chat => world.ChatById(id!).UserId,
                    EntityKind.Message => world.ChatById(world.MessageById(id!).ChatId).UserId,
                    _ => world.MadeUpUser("request", Key(request, route, plan)),
                });
            case EntityKind.Op:
                return WorldScope.For(world, route, top, kind switch
                {
                    EntityKind.Op => id!,
                    EntityKind.Chat => world.ChatById(id!).OperatorId,
                    EntityKind.User => world.ChatOf(id!).OperatorId,
                    EntityKind.Message => world.ChatById(world.MessageById(id!).ChatId).OperatorId,
                    _ => string.IsNullOrEmpty(token) ? world.OpId(0) : token,
                });
            default:
                if (world.Kinds.Row(top.Kind) is { IsBuiltIn: false } row)
                {
                    return WorldScope.OfThing(world, route, top, Thing(world, row, kind, id, written, Key(request, route, plan)));
                }

                return WorldScope.For(world, route, top, Key(request, route, plan));
        }
    }

    /// <summary>
    /// The entity of a described kind an answer is about: the one a write made or acted on, the one the request names,
    /// else the newest related to the entity it names (an OP's latest ticket), else one made up from the request.
    /// </summary>
    private static Kinds.Thing Thing(OpWorld world, Kinds.KindRow row, EntityKind kind, string? id, Written? written, string key)
    {
        if (written is { Id: { } made } && written.Kind == row.Kind)
        {
            return world.Thing(row, made);
        }

        if (kind == row.Kind && id is not null)
        {
            return world.Thing(row, id);
        }

        if (id is not null && row.Owner is { } owner && owner.Target == kind && world.ThingsOf(row, id) is [var newest, ..])
        {
            return newest;
        }

        return world.Thing(row, world.MadeUpUser("request", key));
    }

    /// <summary>The request as a key: sorted, without its paging, so every page of one list is about one thing.</summary>
    private static string Key(JsonObject request, string route, EndpointPlan plan) => route + "?" + OpJson.ToCompactText(new JsonObject(request
        .Where(p => !plan.IsPaging(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
}
