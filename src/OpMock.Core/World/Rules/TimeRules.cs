using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World.Rules;

/// <summary>
/// Times line up: the times an object shows follow its life cycle (<see cref="FieldWords.Stage"/>: created, paid,
/// accepted, started, ended, updated), from its entity's start — a chat's creation, a user's registration, and for a
/// part of an entity (a user's order) an instant between its parent's start and now — never after now. Each stage is
/// a stable step after the one before, so every doc that shows an object shows the same times. An open chat has not
/// ended: its end times are empty. A duration is its end minus its start (the start of service when the object
/// shows one, else its creation), in the duration's unit: an end the object shows follows the duration drawn for it
/// (a believable length of service), or the duration follows an end an example or the world fixes; with no end
/// shown the duration stays as drawn. Times in an entity's life (a message's sendTime) fall between the entity's
/// start and now.
/// </summary>
/// <param name="Staged">Time fields in a stage, in stage order.</param>
/// <param name="Events">Time fields of events inside an entity's life.</param>
/// <param name="Spans">Durations.</param>
internal sealed record TimelineRule(ImmutableArray<(int Field, int Stage)> Staged, ImmutableArray<int> Events, ImmutableArray<int> Spans) : Rule
{
    /// <summary>
    /// How long each stage follows the one before, at most, in seconds: for chats (minutes) and for other things
    /// (orders: hours to days); the last stage is counted back from now (a last login within two days).
    /// </summary>
    private static readonly int[] ChatSteps = [0, 60, 600, 300, 10_800, 3_600, 3_600];

    private static readonly int[] OtherSteps = [0, 1_800, 7_200, 172_800, 14_400, 172_800, 172_800];

    public override void Apply(RuleContext context)
    {
        var scope = context.Scope;
        var now = scope.Options.Anchor;
        var root = Start(scope, now);
        var start = Staged.Where(s => s.Stage == 0 && context.Shows(s.Field) && !context.Writable(s.Field))
            .Select(s => TimeValues.Read(context.Value(s.Field))).FirstOrDefault(t => t is not null);
        var origin = start ?? root ?? Staged.Where(s => context.Shows(s.Field)).Select(s => TimeValues.Read(context.Value(s.Field))).Min();
        if (origin is not { } from)
        {
            return;
        }

        var open = scope.Plan is { Kind: EntityKind.Chat, Prefix: "" } && ChatStatuses.Find(scope.CurrentChat.Status) is { IsOpen: true };
        var shown = new DateTimeOffset?[FieldWords.LastStage + 1];
        var ended = false;
        var running = from;
        foreach (var (field, stage) in Staged)
        {
            if (!context.Shows(field))
            {
                continue;
            }

            if (!context.Writable(field))
            {
                var fixedTime = TimeValues.Read(context.Value(field));
                running = fixedTime > running ? fixedTime.Value : running;
                shown[stage] ??= fixedTime;
                ended |= stage == FieldWords.EndStage;
                continue;
            }

            if (stage == FieldWords.EndStage && open)
            {
                context.Clear(field);
                ended = true;
                continue;
            }

            // An end the object shows with a drawn duration ends that long after the start (the duration stays believable).
            var time = Max(running, stage == FieldWords.EndStage && Drawn(context) is { } lasted
                ? Min(now, (shown[FieldWords.StartStage] ?? shown[0] ?? from) + lasted)
                : At(scope, from, stage, now));
            context.Set(field, TimeValues.Write(context.Field(field), time, HouseFormats.DateTime));
            running = time;
            shown[stage] ??= time;
            ended |= stage == FieldWords.EndStage;
        }

        if (root is { } life)
        {
            foreach (var field in Events.Where(context.Writable))
            {
                if (TimeValues.Read(context.Value(field)) is not { } time || time < life || time > now)
                {
                    var within = life + ((now - life) * UserLife.Fraction(scope, "event:" + scope.SeedPath + context.Field(field).Name));
                    context.Set(field, TimeValues.Write(context.Field(field), Max(life, within), HouseFormats.DateTime));
                }
            }
        }

        foreach (var field in Spans.Where(context.Writable))
        {
            // A duration is the difference of the times the object shows; with no end shown it is left as drawn, an open chat's empty.
            var begin = shown[FieldWords.StartStage] ?? shown[0] ?? from;
            if (!ended && !open)
            {
                continue;
            }

            if ((ended ? shown[FieldWords.EndStage] : null) is not { } finish)
            {
                context.Clear(field);
                continue;
            }

            var units = (decimal)Max(TimeSpan.Zero, finish - begin).Ticks / FieldWords.SpanUnit(context.Field(field)).Ticks;
            context.Set(field, Amounts.Write(context.Field(field), decimal.Floor(units), money: false));
        }
    }

    /// <summary>
    /// When the object's entity started: a chat's creation, a user's registration; for a part of it (an item of its
    /// list, "orders.3."), a stable instant between its parent's start and now. Null for an entity with no start (an OP).
    /// </summary>
    public static DateTimeOffset? Start(WorldScope scope, DateTimeOffset now)
    {
        DateTimeOffset? root = scope.Plan.Kind switch
        {
            EntityKind.Chat => scope.CurrentChat.CreateTime,
            EntityKind.User => UserLife.Registered(scope),
            _ => scope.KindStart,
        };
        if (root is not { } start || scope.SeedPath.Length == 0)
        {
            return root;
        }

        var path = new System.Text.StringBuilder();
        foreach (var segment in scope.SeedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append(segment).Append('.');
            if (int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out _) && start < now)
            {
                var from = start;
                start += (now - start) * UserLife.Fraction(scope, "part:" + path);
                start = InServiceHours(start, from, now, UserLife.Fraction(scope, "hour:" + path));
            }
        }

        return Whole(start);
    }

    /// <summary>
    /// People place orders and book services by day: an instant between 00:00 and 07:00 China time moves to a stable
    /// hour between 07:00 and 21:00 of its day (or the day before when that is past now), unless that leaves its window.
    /// </summary>
    private static DateTimeOffset InServiceHours(DateTimeOffset time, DateTimeOffset earliest, DateTimeOffset now, double fraction)
    {
        var local = time.ToOffset(WorldOptions.ChinaOffset);
        if (local.Hour >= 7)
        {
            return time;
        }

        var moved = new DateTimeOffset(local.Date, WorldOptions.ChinaOffset).AddHours(7).AddSeconds(Math.Floor(fraction * 14 * 3600));
        moved = moved > now ? moved.AddDays(-1) : moved;
        return moved >= earliest && moved <= now ? moved : time;
    }

    /// <summary>The instant of a stage: the object's start, then each stage a stable step later, never after now.</summary>
    private static DateTimeOffset At(WorldScope scope, DateTimeOffset from, int stage, DateTimeOffset now)
    {
        var steps = scope.Plan.Kind == EntityKind.Chat ? ChatSteps : OtherSteps;
        if (stage == FieldWords.LastStage)
        {
            return Whole(Max(from, now.AddSeconds(-Math.Floor(steps[stage] * UserLife.Fraction(scope, "latest:" + scope.SeedPath)))));
        }

        var time = from;
        for (var k = 1; k <= Math.Min(stage, FieldWords.LastStage - 1); k++)
        {
            time = time.AddSeconds(Math.Floor(steps[k] * UserLife.Fraction(scope, "stage" + k + ":" + scope.SeedPath)));
        }

        return time > now ? Max(from, now) : Whole(time);
    }

    /// <summary>The first generated duration the object shows, as a length of time; null when it shows none.</summary>
    private TimeSpan? Drawn(RuleContext context)
    {
        foreach (var field in Spans.Where(context.Writable))
        {
            if (Amounts.Read(context.Value(field)) is { } units && units >= 0)
            {
                return TimeSpan.FromTicks((long)Math.Min(units * FieldWords.SpanUnit(context.Field(field)).Ticks, TimeSpan.FromDays(3650).Ticks));
            }
        }

        return null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Whole(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds()).ToOffset(WorldOptions.ChinaOffset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A user's birthday (an adult's: 18 to 70 years ago) and age (whole years since), the same in every doc.</summary>
internal sealed record LifeRule(int? Birthday, int? Age) : Rule
{
    public override void Apply(RuleContext context)
    {
        var scope = context.Scope;
        var shown = Birthday is { } day && context.Shows(day) && !context.Writable(day) ? TimeValues.Read(context.Value(day)) : null;
        var born = shown ?? UserLife.Born(scope);
        if (Birthday is { } birthday && context.Writable(birthday))
        {
            context.Set(birthday, TimeValues.Write(context.Field(birthday), born, HouseFormats.Date));
        }

        if (Age is { } age && context.Writable(age))
        {
            context.Set(age, Amounts.Write(context.Field(age), UserLife.Age(born, scope.Options.Anchor), money: false));
        }
    }
}
