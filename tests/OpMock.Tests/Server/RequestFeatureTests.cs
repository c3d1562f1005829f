using System.Text;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>The request state the pipeline's stages share: the body read once, the exchange recorded once.</summary>
public sealed class RequestFeatureTests
{
    [Fact]
    public void Request_ReadByTwoReaders_BodyParsedOnceAndTheSameObject()
    {
        // Given a request the gate passed
        var stage = StageContext.Of("POST", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001once"}""", app: true);

        // When the transfer relay and then the engine read its body
        var first = RequestBody.Read(stage.Feature.Request, out _, out _, out _);
        var second = RequestBody.Read(stage.Feature.Request with { Session = "other" }, out _, out _, out _);

        // Then it was parsed once, and both got the one object
        stage.Feature.Memo.Reads.ShouldBe(1);
        first.ShouldNotBeNull();
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void Read_RequestCopiedWithAnotherBody_ReadAfresh()
    {
        // Given a request whose body was read
        var stage = StageContext.Of("POST", ChatInfo, """{"userId":"u0001a"}""");
        RequestBody.Read(stage.Feature.Request, out _, out _, out _);

        // When a copy with another body is read
        var other = RequestBody.Read(stage.Feature.Request with { Body = """{"userId":"u0001b"}""" }, out _, out _, out _);

        // Then the copy's own body is what it reads
        other!["userId"]!.GetValue<string>().ShouldBe("u0001b");
        stage.Feature.Memo.Reads.ShouldBe(2);
    }

    [Fact]
    public void Read_BadBodyTwice_SameProblemParsedOnce()
    {
        // Given a request whose body is not JSON
        var stage = StageContext.Of("POST", ChatInfo, "{\"userId\":");

        // When it is read twice
        RequestBody.Read(stage.Feature.Request, out var first, out _, out _).ShouldBeNull();
        RequestBody.Read(stage.Feature.Request, out var second, out _, out _).ShouldBeNull();

        // Then both readers get the one reason
        second.ShouldBe(first);
        first.ShouldContain("not valid JSON");
        stage.Feature.Memo.Reads.ShouldBe(1);
    }

    [Fact]
    public void Record_AskedThrice_LogsTheExchangeOnce()
    {
        // Given a request
        var stage = StageContext.Of("POST", ChatInfo, """{"userId":"u0001log"}""");

        // When it is recorded as its answer starts, before a drop and at the end
        stage.Feature.Record();
        stage.Feature.Record();
        stage.Feature.Record();

        // Then the log got it once
        stage.Recorded.Count.ShouldBe(1);
    }

    [Fact]
    public void Record_ParsedBody_IdsAsTheUnparsedReadingNamesThem()
    {
        // Given the same transfer twice, one parsed by the engine's reader and one not
        const string body = """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001ids","staffId":1234567890123,"nested":{"chatId":"c1"}}""";
        var parsed = StageContext.Of("POST", TransferRoute, body, app: true);
        RequestBody.Read(parsed.Feature.Request, out _, out _, out _).ShouldNotBeNull();
        var unparsed = StageContext.Of("POST", TransferRoute, body, app: true);

        // When both are recorded
        parsed.Feature.Record();
        unparsed.Feature.Record();

        // Then both name the same reqUrl and ids (a number as it was sent; nested fields are not the request's ids)
        var (a, b) = (parsed.Recorded.Single(), unparsed.Recorded.Single());
        a.ReqUrl.ShouldBe("/op/v2/getChatInfoByUserId");
        a.ReqUrl.ShouldBe(b.ReqUrl);
        a.Ids.ShouldBe(b.Ids);
        a.Ids.ShouldContain(KeyValuePair.Create("staffId", "1234567890123"));
        a.Ids.ShouldNotContain(p => p.Key == "chatId");
    }

    [Fact]
    public void Enter_HopWithoutALog_RecordsNothing()
    {
        // Given a request entered with nowhere to record it (a transfer's own hop)
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var feature = RequestFeature.Enter(context, app: false, TimeProvider.System, record: null);

        // When it is recorded
        feature.Record();

        // Then the context carries the feature, and nothing failed
        RequestFeature.Of(context).ShouldBeSameAs(feature);
        feature.Draft.Build().Method.ShouldBe(context.Request.Method);
    }

    [Fact]
    public void Pass_Body_LaterReadersReadTheGatesBytes()
    {
        // Given a request entered but not passed
        var stage = StageContext.Of("POST", ChatInfo, """{"userId":"u0001x"}""", pass: false);
        var bytes = Encoding.UTF8.GetBytes("""{"userId":"u0001y"}""");

        // When the gate passes it with the bytes it read
        stage.Feature.Pass(ChatInfo, guarded: false, bytes);

        // Then the request's stream, the engine's request and the draft hold those bytes
        new StreamReader(stage.Context.Request.Body).ReadToEnd().ShouldBe("""{"userId":"u0001y"}""");
        stage.Feature.Request.Body.ShouldBe("""{"userId":"u0001y"}""");
        stage.Feature.Body.ShouldBe(bytes);
        stage.Feature.Request.Query.ShouldBeEmpty();
    }
}
