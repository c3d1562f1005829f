using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Core.Schemas;
using OpMock.Core.World;
using OpMock.Core.World.Actions;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Actions;

/// <summary>Effects inferred from the test write docs (TestDocs/actions), and declared ones checked against the docs.</summary>
public sealed class EffectTableTests
{
    public static TheoryData<string, string, string, string> Inferred => new()
    {
        { "/op/v2/setOnline", nameof(Transition.Set), nameof(EffectTarget.Op), "online → op.IsOnline" },
        { "/op/v2/closeChat", nameof(Transition.Close), nameof(EffectTarget.Chat), "" },
        { "/op/v2/transferChat", nameof(Transition.Transfer), nameof(EffectTarget.Chat), "" },
        { "/op/v2/sendMessage", nameof(Transition.Send), nameof(EffectTarget.Chat), "" },
        { "/op/v2/addUserAddress", nameof(Transition.Create), nameof(EffectTarget.Item), "" },
        { "/op/v2/deleteUserAddress", nameof(Transition.Delete), nameof(EffectTarget.Item), "" },
        { "/op/v2/updateChatRemark", nameof(Transition.Set), nameof(EffectTarget.Chat), "remark → chat.~remark" },
        { "/op/v2/acceptChat", nameof(Transition.Accept), nameof(EffectTarget.Chat), "" },
        { "/op/v2/getChatDetail", nameof(Transition.None), nameof(EffectTarget.None), "" },
        { "/op/v2/receives", nameof(Transition.None), nameof(EffectTarget.None), "" },
    };

    [Theory]
    [MemberData(nameof(Inferred))]
    public async Task Build_WriteDocs_InfersEachRoutesEffect(string route, string transition, string target, string writes)
    {
        // Given the write docs
        var table = await TableAsync(ImmutableDictionary<string, DeclaredEffect>.Empty);

        // When a route's effect is read
        var effect = table.For(route);

        // Then it is the verb table's transition on the entity the request names, setting the fields the field table maps
        effect.Transition.ToString().ShouldBe(transition);
        effect.Target.ToString().ShouldBe(target);
        string.Join(", ", effect.Writes.Select(w => $"{w.Field} → {w.Owner.ToString().ToLowerInvariant()}.{w.Key}")).ShouldBe(writes);
    }

    [Fact]
    public async Task Build_Transfer_KnowsTheFieldNamingTheOtherOp()
    {
        (await TableAsync(ImmutableDictionary<string, DeclaredEffect>.Empty)).For("/op/v2/transferChat").ToField.ShouldBe("toStaffId");
    }

    [Fact]
    public async Task Build_Create_FindsTheItemIdFieldInItsAnswer()
    {
        var effect = (await TableAsync(ImmutableDictionary<string, DeclaredEffect>.Empty)).For("/op/v2/addUserAddress");
        effect.ItemIdField.ShouldBe("userAddressId");
        effect.ItemIdIsNumber.ShouldBeFalse();
    }

    [Fact]
    public async Task Build_OnlineEnumLabels_WriteTheOpsOnlineStateWhateverTheFieldsName()
    {
        // Given a doc setting an OP's state by a code labelled 上线/下线
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        File.WriteAllText(Path.Combine(docs, "get-op-api", "7.1.txt"), File.ReadAllText(Path.Combine(docs, "get-op-api", "7.1.txt"))
            .Replace("|online|Boolean |是否上线 |否 |true上线 false下线 |", "|state|Integer |状态 |否 |`1`:上线 `0`:下线 |", StringComparison.Ordinal)
            .Replace("\"online\":true", "\"state\":1", StringComparison.Ordinal));
        var contract = await ApiContract.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"));

        // When its effect is inferred
        var effect = EffectTable.Build(contract.Endpoints.Select(e => e.Endpoint), ImmutableDictionary<string, DeclaredEffect>.Empty, []).For("/op/v2/setOnline");

        // Then `state` sets the OP's isOnline, 1 as true and 0 as false
        var write = effect.Writes.ShouldHaveSingleItem();
        (write.Field, write.Owner, write.Key).ShouldBe(("state", EntityKind.Op, "IsOnline"));
        write.Value(System.Text.Json.Nodes.JsonValue.Create(1))!.GetValue<bool>().ShouldBeTrue();
        write.Value(System.Text.Json.Nodes.JsonValue.Create(0))!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Build_Declared_WinsOverTheRules()
    {
        // Given fixtures declaring a read that looks like a write, and a field mapping
        var declared = FixtureLoader.Parse([("effects.yaml", """
            effects:
              /op/v2/updateChatRemark: none
              /op/v2/setOnline:
                transition: set
                entity: op
                fields: {online: isOnline}
            """)]).Effects;

        // When the table is built
        var table = await TableAsync(declared);

        // Then the declared effects are used, and say where they were declared
        table.For("/op/v2/updateChatRemark").IsWrite.ShouldBeFalse();
        table.For("/op/v2/updateChatRemark").Describe().ShouldBe("none (declared in effects.yaml:2)");
        table.For("/op/v2/setOnline").Writes.ShouldHaveSingleItem().Key.ShouldBe("IsOnline");
    }

    [Theory]
    [InlineData("effects:\n  /op/v2/nowhere: close\n", "effects.yaml:2: error: effects: `/op/v2/nowhere` is not a documented route")]
    [InlineData("effects:\n  /op/v2/closeChat: {to: nobody}\n", "effects.yaml:2: error: effects./op/v2/closeChat: `nobody` is not a request field of the route")]
    [InlineData("effects:\n  /op/v2/closeChat: {fields: {reason: remark}}\n", "effects.yaml:2: error: effects./op/v2/closeChat: `reason` is not a request field")]
    public async Task Build_DeclarationTheDocsDoNotHave_IsAFileLineError(string yaml, string message)
    {
        // Given a declaration naming a route or field no doc has
        var declared = FixtureLoader.Parse([("effects.yaml", yaml)]).Effects;

        // When the table is built
        var findings = new List<Finding>();
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWithActions(temp), Path.Combine(temp.Path, "overrides.yaml"));
        EffectTable.Build(contract.Endpoints.Select(e => e.Endpoint), declared, findings);

        // Then it is an error naming the fixture's file and line
        findings.ShouldHaveSingleItem().ToString().ShouldStartWith(message);
    }

    /// <summary>An effect's entity by any kind of the table: a kind the docs describe, one a fixture's `kinds:` names, a built-in one.</summary>
    [Theory]
    [InlineData("kinds", "effects:\n  /op/v2/updateTicket: {entity: ticket}\n", "/op/v2/updateTicket", "Item", "ticketId")]
    [InlineData("kinds", "effects:\n  /op/v2/deleteQuickReply: {transition: delete, entity: reply}\n", "/op/v2/deleteQuickReply", "Item", "replyId")]
    [InlineData("declared", "effects:\n  /op/v2/getRepairDetail: {transition: set, entity: repair}\nkinds:\n  repair: {ids: repairNo}\n", "/op/v2/getRepairDetail", "Item", "repairNo")]
    [InlineData("kinds", "effects:\n  /op/v2/updateTicket: {transition: set, entity: op}\n", "/op/v2/updateTicket", "Op", null)]
    public async Task Build_EntityAnyKindOfTheTable_ActsOnItsEntities(string folder, string yaml, string route, string target, string? idField)
    {
        // Given a fixture naming what a route acts on by a kind's name
        var declared = FixtureLoader.Parse([("effects.yaml", yaml)]).Effects;
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWith(temp, Path.Combine(TestDocs.Folder, folder)), Path.Combine(temp.Path, "overrides.yaml"));

        // When the table is built
        var findings = new List<Finding>();
        var effect = EffectTable.Build(contract.Endpoints.Select(e => e.Endpoint), declared, findings).For(route);

        // Then the route acts on that kind's entity, found by its id field
        findings.ShouldBeEmpty();
        effect.Target.ToString().ShouldBe(target);
        effect.ItemIdField.ShouldBe(idField);
        effect.Route.ShouldBe(route);
    }

    [Fact]
    public async Task Build_EntityNoKindHas_IsAFileLineErrorNamingTheKnownKinds()
    {
        var declared = FixtureLoader.Parse([("effects.yaml", "effects:\n  /op/v2/updateTicket:\n    entity: order\n")]).Effects;
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWith(temp, Path.Combine(TestDocs.Folder, "kinds")), Path.Combine(temp.Path, "overrides.yaml"));

        var findings = new List<Finding>();
        EffectTable.Build(contract.Endpoints.Select(e => e.Endpoint), declared, findings);

        findings.ShouldHaveSingleItem().ToString().ShouldBe("effects.yaml:3: error: `effects./op/v2/updateTicket.entity` names no kind, found `order`; known kinds: chat, message, op, reply, ticket, user");
    }

    [Theory]
    [InlineData("effects:\n  /op/v2/closeChat: shut\n", "effects.yaml:2: error: `effects./op/v2/closeChat` must be one of none, set, close, accept, transfer, send, create, delete, found `shut`")]
    [InlineData("effects:\n  closeChat: close\n", "effects.yaml:2: error: effects: `closeChat` is not a route")]
    [InlineData("effects:\n  /op/v2/x: {entity: ''}\n", "effects.yaml:2: error: `effects./op/v2/x.entity` must name a kind (chat, message, op, user, or one the docs or `kinds:` name), found ``")]
    [InlineData("effects:\n  /op/v2/x: {list: chatId}\n", "effects.yaml:2: error: `effects./op/v2/x.list` must name the field holding the list's item ids")]
    public void Parse_BrokenEffect_IsAFileLineError(string yaml, string message)
    {
        var error = Should.Throw<InvalidInputException>(() => FixtureLoader.Parse([("effects.yaml", yaml)]));
        error.Findings.ShouldHaveSingleItem().ToString().ShouldStartWith(message);
    }

    private static async Task<EffectTable> TableAsync(ImmutableDictionary<string, DeclaredEffect> declared)
    {
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWithActions(temp), Path.Combine(temp.Path, "overrides.yaml"));
        var findings = new List<Finding>();
        var table = EffectTable.Build(contract.Endpoints.Select(e => e.Endpoint), declared, findings);
        findings.ShouldBeEmpty();
        return table;
    }
}
