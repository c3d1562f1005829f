using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// A remark (备注, 说明) says something about its own object: the remark vocabulary of addresses (家, 公司, 常用地址) only
/// beside an address; elsewhere the label of the object's coded field (a points entry's 积分兑换), else a plain note.
/// </summary>
internal sealed record RemarkRule(int Field, int? Code) : Rule
{
    /// <summary>Notes with no vocabulary of another field: what a backend's remark column holds when no one wrote much.</summary>
    public static readonly ImmutableArray<string> Notes = ["", "无", "系统自动处理", "客户申请", "已核实", "按规则处理"];

    /// <summary>The remark fields of an object without an address, each with the first coded field whose labels name things.</summary>
    public static IEnumerable<RemarkRule> Of(ImmutableArray<DocField> fields, IReadOnlyList<FieldPlan> plans)
    {
        if (fields.Any(f => FieldWords.IsAddress(f.Name)))
        {
            yield break;
        }

        var code = Enumerable.Range(0, fields.Length).Where(i => CodeNames.IsCoded(fields[i])).Cast<int?>().FirstOrDefault();
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Type.Kind == FieldKind.String && plans[i].Attribute is null && plans[i].Value.Kind == ValueKind.Remark)
            {
                yield return new RemarkRule(i, code);
            }
        }
    }

    public override void Apply(RuleContext context)
    {
        if (!context.Writable(Field))
        {
            return;
        }

        if (Code is { } code && CodeNames.Label(context.Field(code), context.Value(code)) is { Length: > 0 } label)
        {
            context.Set(Field, JsonValue.Create(label));
            return;
        }

        var scope = context.Scope;
        var random = new Randomizer(StableHash.Seed(scope.Options.Seed, "remark", scope.Plan.Kind, scope.Id, scope.SeedPath, context.Field(Field).Name));
        context.Set(Field, JsonValue.Create(random.ArrayElement([.. Notes])));
    }
}
