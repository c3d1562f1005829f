using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Actions;

/// <summary>
/// Actors are who acted: a field of a write's answer whose doc words name the acting party (结束会话的OP, 操作人,
/// 创建人, 处理人) is the OP the request names (its staffId, else the token's OP), not the OP serving the entity. Its
/// id, or its name where the field holds a name (operatorName, 操作人姓名). Kept on the entity written where the world
/// keeps no such field of its own, so later reads show the same actor.
/// </summary>
internal static class Actors
{
    /// <summary>Doc words that name who did the write.</summary>
    private static readonly string[] ActorWords =
        ["操作人", "操作员", "操作者", "创建人", "创建者", "处理人", "经办人", "执行人", "关闭人", "结束人", "转出人", "修改人", "更新人"];

    /// <summary>"…的OP" words of the verbs: 结束会话的OP, 转接的OP …, so a field described that way is the actor too.</summary>
    private static readonly string[] ActingVerbs = ["结束", "关闭", "操作", "处理", "创建", "转出", "发起", "修改", "接入"];

    /// <summary>The answer's fields that name the acting OP.</summary>
    public static IEnumerable<DocField> Of(Endpoint endpoint, Effect effect) =>
        effect.IsWrite ? endpoint.Output.Where(f => f.Type.Kind == FieldKind.String && IsActor(f.Description + " " + f.Remark)) : [];

    public static bool IsActor(string words) =>
        ActorWords.Any(w => words.Contains(w, StringComparison.Ordinal))
        || ActingVerbs.Any(v => words.Contains(v + "的OP", StringComparison.OrdinalIgnoreCase) || words.Contains(v + "会话的OP", StringComparison.OrdinalIgnoreCase)
            || words.Contains(v + "的客服", StringComparison.Ordinal) || words.Contains(v + "会话的客服", StringComparison.Ordinal));

    /// <summary>The outcome with each actor field set to the OP the request names, in its answer and on the entity written.</summary>
    public static Outcome Stamp(Outcome outcome, Endpoint endpoint, Effect effect, JsonObject request, string? token, OpWorld world) =>
        (ActionRunner.OpNamed(request) ?? (string.IsNullOrEmpty(token) ? null : token)) is not { } actor ? outcome
            : Stamps.Apply(outcome, Of(endpoint, effect).Select(f => (f, (JsonNode)(IsName(f) ? world.Op(actor).Name : actor))));

    /// <summary>A field holding the actor's name rather than id: …Name, or described 姓名/名字/名称.</summary>
    private static bool IsName(DocField field) =>
        field.Name.EndsWith("name", StringComparison.OrdinalIgnoreCase)
        || new[] { "姓名", "名字", "名称" }.Any(w => (field.Description + field.Remark).Contains(w, StringComparison.Ordinal));
}
