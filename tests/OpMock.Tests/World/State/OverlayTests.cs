using System.Collections.Frozen;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

public sealed class OverlayTests
{
    private const string Kind = "ticket";
    private const string IdField = "userAddressId";

    private static readonly string[] Users = ["u1", "u2", "u3", "u4"];
    private static readonly string[] Ops = ["o1", "o2", "o3"];
    private static readonly string[] Chats = ["c1", "c2", "c3", "c4", "c5"];

    [Fact]
    public void With_ThousandsOfSeededWrites_ReadsAsTheOverlayBuiltFromTheWholeSession()
    {
        // Given 200 seeded sessions, each written 40 times with random changes: chats given to users and OPs (and taken
        // back), messages sent (sometimes arriving out of order, sometimes edited), list items created, changed and
        // deleted, entities of a discovered kind created and changed, OP flags
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var fields = new Dictionary<(string, string, string), string>();
            var overlay = Overlay.Empty;
            var sequence = 0L;
            for (var write = 1; write <= 40; write++)
            {
                var changes = Enumerable.Range(0, random.Next(1, 5)).SelectMany(_ => Write(random, ref sequence)).ToList();
                foreach (var change in changes)
                {
                    fields[(change.Collection, change.Id, change.Field)] = change.Json;
                }

                // When each write is added to the overlay it started from
                overlay = overlay.With(changes, write);

                // Then the overlay reads exactly as one built from the session's whole snapshot
                var whole = new Overlay(new SessionSnapshot(write, [.. fields.Select(f => new Change(f.Key.Item1, f.Key.Item2, f.Key.Item3, f.Value))]));
                Read(overlay).ShouldBe(Read(whole), $"seed {seed}, write {write}");
            }
        }
    }

    [Fact]
    public void With_AWrite_SharesEveryRecordAndListItDidNotTouch()
    {
        // Given a session with 500 messages in one chat and a changed chat
        var overlay = new Overlay(new SessionSnapshot(1, [
            .. Enumerable.Range(1, 500).SelectMany(i => new[] { new Change("msg:c1", $"m{i}", "@seq", $"{i}"), new Change("msg:c1", $"m{i}", Facts.Key(Attr.Content), $"\"{i}\"") }),
            new Change("chat", "c2", "@user", "\"u2\""),
        ]));

        // When a message is sent to another chat
        var next = overlay.With([new Change("msg:c9", "m501", "@seq", "501"), new Change("msg:c9", "m501", Facts.Key(Attr.Content), "\"new\"")], 2);

        // Then the untouched chat's messages and the changed chat are the same objects (nothing rebuilt), and the new message is read
        next.Messages("c1").ShouldBe(overlay.Messages("c1"));
        ReferenceEquals(next.Of(EntityKind.Chat, "c2"), overlay.Of(EntityKind.Chat, "c2")).ShouldBeTrue();
        next.Messages("c9").Single().Content.ShouldBe("new");
        next.Version.ShouldBe(2);
        overlay.Messages("c9").ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_TwoWritesFromOneVersion_TheSecondReadsBoth()
    {
        // Given a session's overlay read before two writes raced
        await using var sessions = Sessions.InMemory(TimeProvider.System);
        var before = await sessions.OverlayAsync("s", 0, default);

        // When both apply from it, one after the other
        var first = await sessions.ApplyAsync("s", before, [new Change("chat", "c1", "@user", "\"u1\"")], default);
        var second = await sessions.ApplyAsync("s", before, [new Change("chat", "c2", "@user", "\"u2\"")], default);

        // Then the first added its own changes, and the second (not applied to the version it started from) read the session again
        first.ChangedChatOf("u1").ShouldBeTrue();
        second.ChangedChatOf("u1").ShouldBeTrue();
        second.ChangedChatOf("u2").ShouldBeTrue();
        (await sessions.OverlayAsync("s", second.Version, default)).ShouldBeSameAs(second);
    }

    private static IEnumerable<Change> Write(Random random, ref long sequence)
    {
        var chat = Pick(random, Chats);
        switch (random.Next(6))
        {
            case 0:
                return [new Change("chat", chat, "@user", Json(Pick(random, Users))), new Change("chat", chat, "@operator", Json(Pick(random, Ops)))];
            case 1:
                return [new Change("chat", chat, random.Next(2) == 0 ? "@operator" : "Status", Json(random.Next(2) == 0 ? Pick(random, Ops) : "7"))];
            case 2:
                // A message: a new one (its sequence number reserved, possibly overtaken by a later one), or an edit of one
                var seq = random.Next(4) == 0 && sequence > 0 ? random.NextInt64(1, sequence + 1) : ++sequence;
                return [new Change($"msg:{chat}", $"{chat}m{seq}", "@seq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Change($"msg:{chat}", $"{chat}m{seq}", Facts.Key(Attr.Content), Json($"内容{random.Next(100)}"))];
            case 3:
                var list = Records.Items(EntityKind.User, Pick(random, Users), IdField);
                var item = $"a{random.Next(1, 8)}";
                return random.Next(3) switch
                {
                    0 => [new Change(list, item, "@seq", (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture)), new Change(list, item, "~name", Json("家"))],
                    1 => [new Change(list, item, Records.Deleted, "true")],
                    _ => [new Change(list, item, "~name", Json($"名{random.Next(9)}"))],
                };
            case 4:
                var thing = $"t{random.Next(1, 10)}";
                return random.Next(2) == 0
                    ? [new Change(Records.Thing(Kind), thing, Records.Owner, Json(Pick(random, Ops))), new Change(Records.Thing(Kind), thing, "@seq", (++sequence).ToString(System.Globalization.CultureInfo.InvariantCulture))]
                    : [new Change(Records.Thing(Kind), thing, "~title", Json($"工单{random.Next(9)}"))];
            default:
                return [new Change("op", Pick(random, Ops), "IsOnline", random.Next(2) == 0 ? "true" : "false")];
        }
    }

    /// <summary>Everything the world can ask an overlay, as text.</summary>
    private static List<string> Read(Overlay overlay)
    {
        var seen = new List<string> { $"collections {overlay.HasCollections}" };
        foreach (var id in Chats.Concat(Ops).Concat(Users))
        {
            foreach (var kind in new[] { EntityKind.Chat, EntityKind.Op, EntityKind.User, EntityKind.Message })
            {
                seen.Add($"{kind} {id}: {Text(overlay.Of(kind, id))}");
            }
        }

        seen.AddRange(Users.Select(u => $"chat of {u}: {overlay.ChangedChatOf(u)}"));
        seen.AddRange(Ops.Select(o => $"given to {o}: {string.Join(",", overlay.UsersGivenTo(o))}"));
        foreach (var chat in Chats)
        {
            var messages = overlay.Messages(chat);
            seen.Add($"messages of {chat}: {string.Join(",", messages.Select(m => $"{m.Id}={m.Content}"))}");
            seen.AddRange(messages.Select(m => $"message {m.Id}: {overlay.MessageById(m.Id)}"));
        }

        foreach (var user in Users)
        {
            if (overlay.Items(EntityKind.User, user, IdField) is { } items)
            {
                seen.Add($"items of {user}: created {string.Join(",", items.Created.Select(c => $"{c.Id}{Text(c.Fields)}"))}; "
                    + $"changed {string.Join(",", items.Changed.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}{Text(c.Value)}"))}; deleted {string.Join(",", items.Deleted.Order(StringComparer.Ordinal))}");
            }
        }

        seen.Add($"things: {string.Join(",", overlay.Things(Kind).Select(t => $"{t.Id}{Text(t.Fields)}"))}");
        seen.AddRange(Enumerable.Range(1, 9).Select(i => $"thing t{i}: {Text(overlay.Thing(Kind, $"t{i}"))}"));
        return seen;
    }

    private static string Text(FrozenDictionary<string, JsonNode?>? fields) => fields is null
        ? "-"
        : "{" + string.Join(",", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:{f.Value?.ToJsonString()}")) + "}";

    private static string Json(string text) => JsonValue.Create(text).ToJsonString();

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];
}
