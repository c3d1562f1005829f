using OpMock.Core.Docs;
using OpMock.Core.World.Rules;

namespace OpMock.Core.World.Actions;

/// <summary>
/// A write's own time is now: a time field of its answer whose name or doc words name this write (changeTime 变更时间,
/// updateTime, operateTime 操作时间, transferTime on a transfer, createTime on a create) shows the server's now, and
/// is kept on the entity written, so later reads show the same instant. Times of the entity's earlier life (a chat's
/// createTime on a transfer) are not the write's. Fields the world keeps itself (closeTime, sendTime) are left to it.
/// </summary>
internal static class WriteTimes
{
    /// <summary>Name stems of any write's own time, whatever its verb.</summary>
    private static readonly string[] ChangeStems =
        ["change", "changed", "update", "updated", "modify", "modified", "operate", "operation", "oper", "handle", "handled", "deal", "process", "processed", "edit", "edited"];

    /// <summary>Doc words of any write's own time.</summary>
    private static readonly string[] ChangeWords = ["变更", "更新", "修改", "操作", "处理", "编辑"];

    /// <summary>The answer's fields that are the write's own time.</summary>
    public static IEnumerable<DocField> Of(Endpoint endpoint, Effect effect)
    {
        if (!effect.IsWrite)
        {
            return [];
        }

        var row = Verbs.Table.FirstOrDefault(t => t.Transition == effect.Transition);
        var stems = ChangeStems.Concat(row.RouteWords ?? []).SelectMany(w => new[] { w, w + "ed", w + "d", w + "red" }).ToHashSet(StringComparer.Ordinal);
        var words = ChangeWords.Concat(row.TitleWords ?? []).ToArray();
        return endpoint.Output.Where(f => FieldWords.IsTime(f) && !f.Name.Contains("operation", StringComparison.OrdinalIgnoreCase)
            && ((Verbs.Words(f.Name) is [var first, ..] && stems.Contains(first)) || words.Any(w => (f.Description + f.Remark).Contains(w, StringComparison.Ordinal))));
    }

    /// <summary>The outcome with the write's own times at <paramref name="now"/>: in its answer, and on the entity it wrote.</summary>
    public static Outcome Stamp(Outcome outcome, Endpoint endpoint, Effect effect, DateTimeOffset now) =>
        outcome.Written is not { } written ? outcome : Stamps.Apply(outcome,
            // A time the world keeps itself (a chat's closeTime) is already now; it is not stamped twice.
            Of(endpoint, effect).Where(f => WorldMap.Attribute(written.Kind, f.Name) is null)
                .Select(f => (Field: f, Value: TimeValues.Write(f, now, HouseFormats.DateTime)))
                .Where(p => p.Value is not null).Select(p => (p.Field, p.Value!)));
}
