using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// Reasons and complaints read like reasons: a text field whose words say why (原因, 理由, 投诉内容, 问题描述; a name ending
/// in reason or cause), or a note (说明, 备注, 意见, 结果) whose own words name a topic, gets a sentence of that topic from
/// <see cref="ChineseText.Reason"/> — 退款原因 a refund's reason, 驳回理由 a rejection's, 处理说明 what the OP did. The topic is
/// read from the field's words and name, else from its object's (the other fields' words, the doc's title): <see cref="Topics"/>. Entry points: <see cref="Topic"/>, <see cref="IsReason"/>, <see cref="Of"/>.
/// </summary>
internal static class Reasons
{
    /// <summary>Words of a field that holds a reason or a complaint.</summary>
    public static readonly ImmutableArray<string> ReasonWords = ["原因", "理由", "投诉内容", "投诉描述", "问题描述", "投诉详情", "缘由"];

    /// <summary>Words of a note that speaks of a topic when its words name one (处理说明, 驳回说明).</summary>
    public static readonly ImmutableArray<string> NoteWords = ["说明", "备注", "意见", "结果", "描述"];

    /// <summary>The words that name each topic of <see cref="ChineseText.ReasonTopics"/>, looked for in this order.</summary>
    public static readonly ImmutableArray<(string Topic, string[] Words)> Topics =
    [
        ("驳回", ["驳回", "拒绝", "不通过", "审核失败", "reject", "refuse", "deny"]),
        ("退款", ["退款", "退费", "退货", "退钱", "refund", "return"]),
        ("取消", ["取消", "撤销", "撤单", "cancel", "revoke"]),
        ("处理", ["处理", "回复", "跟进", "解决", "handle", "process", "reply", "solution"]),
        ("投诉", ["投诉", "差评", "举报", "售后", "complain", "complaint"]),
    ];

    /// <summary>Whether a field holds a reason or a complaint by its words or its name.</summary>
    public static bool IsReason(DocField field) =>
        ReasonWords.Any(w => field.Description.Contains(w, StringComparison.Ordinal))
        || field.Name.EndsWith("reason", StringComparison.OrdinalIgnoreCase) || field.Name.EndsWith("cause", StringComparison.OrdinalIgnoreCase)
        || field.Name.Equals("complaint", StringComparison.OrdinalIgnoreCase);

    /// <summary>The topic some words name (<see cref="Topics"/>), or null.</summary>
    public static string? Topic(string words) =>
        Topics.Where(t => t.Words.Any(w => words.Contains(w, StringComparison.OrdinalIgnoreCase))).Select(t => t.Topic).FirstOrDefault();

    /// <summary>The reason fields of an object, each with its topic.</summary>
    public static IEnumerable<ReasonRule> Of(Endpoint endpoint, ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        var around = string.Join(" ", fields.Select(f => f.Description)) + " " + endpoint.Doc.Title;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Type.Kind != FieldKind.String || plans[i].Attribute is not null || field.Hints.HasOptions || CodeNames.IsCoded(field) || FieldWords.IsTime(field))
            {
                continue;
            }

            var own = Topic(field.Description) ?? Topic(field.Name);
            if (IsReason(field))
            {
                yield return new ReasonRule(i, own ?? Topic(around) ?? "投诉");
            }
            else if (own is not null && NoteWords.Any(w => field.Description.Contains(w, StringComparison.Ordinal)))
            {
                yield return new ReasonRule(i, own);
            }
        }
    }
}

/// <summary>Field <paramref name="Field"/> holds a reason of <paramref name="Topic"/> (<see cref="Reasons"/>), the same for the same object.</summary>
internal sealed record ReasonRule(int Field, string Topic) : Rule
{
    public override void Apply(RuleContext context)
    {
        // A reason left empty is a backend's "no reason given" (an example's null or ""): only generated text is rewritten.
        if (!context.Writable(Field) || context.Value(Field) is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return;
        }

        var scope = context.Scope;
        var random = new Randomizer(StableHash.Seed(scope.Options.Seed, "reason", scope.Plan.Kind, scope.Id, scope.SeedPath, context.Field(Field).Name));
        context.Set(Field, JsonValue.Create(ChineseText.Reason(random, Topic)));
    }
}
