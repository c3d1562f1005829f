using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.World.Consistency;

/// <summary>
/// Two docs whose examples disagree about one entity: each doc's sample still answers its own example, other routes
/// show the first doc's, and lint warns naming both files and lines.
/// </summary>
public sealed class DisagreementTests : IAsyncLifetime
{
    private const string UserId = "u00013058217037704c358367f6e1fd1da545";
    private const string OtherIcon = "http://img.example/another-icon.png";

    /// <summary>A user-detail doc whose example shows 2.19's first user (阿洋) with another icon and 2.19's OP serving a chat its list leaves out.</summary>
    private const string Detail = $$"""
        ##8.9 获取用户头像
        ###URL:
        http://120.55.94.183:8080/op/v2/getUserIcon
        ###方式:
        post
        ###输入参数:
        |字段|类型|描述|可为空|备注|
        |:----|:----|:----|:----|:----|
        |userId|String|用户ID|否| |

        ###返回数据:
        |字段|类型|描述|备注|
        |:----|:----|:----|:----|
        |userId|String|用户ID| |
        |nickName|String|昵称| |
        |icon|String|头像| |

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {
            "userId": "{{UserId}}",
            "nickName": "阿洋",
            "icon": "{{OtherIcon}}"
          },
          "page": null,
          "foot": {"operationTime": "2016-04-02 15:00:00", "servicePhone": "400800400", "host": "op-test-01"}
        }
        ```

        ####测试环境：

        http://120.55.94.183:8080/op/v2/getUserIcon?apiVersion=01

        ```
        {"userId":"{{UserId}}"}
        ```
        """;

    /// <summary>A chat doc whose example shows a chat in service by 2.19's OP, whose (whole, unpaged) example list does not hold it.</summary>
    private const string Chat = """
        ##8.8 获取会话
        ###URL:
        http://120.55.94.183:8080/op/v2/getChat
        ###方式:
        post
        ###输入参数:
        |字段|类型|描述|可为空|备注|
        |:----|:----|:----|:----|:----|
        |chatId|String|会话ID|否| |

        ###返回数据:
        |字段|类型|描述|备注|
        |:----|:----|:----|:----|
        |chatId|String|会话ID| |
        |operatorId|String|OP的ID| |
        |status|String|状态| |

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {"chatId": "u0001999888777666555444", "operatorId": "o0001403351be22c648efa24c20e842fd7351", "status": "5"},
          "page": null,
          "foot": {"operationTime": "2016-04-02 15:00:00", "servicePhone": "400800400", "host": "op-test-01"}
        }
        ```

        ####测试环境：

        http://120.55.94.183:8080/op/v2/getChat?apiVersion=01

        ```
        {"chatId":"u0001999888777666555444"}
        ```
        """;

    private readonly TempFolder temp = new();
    private string docs = null!;
    private MockEngine engine = null!;

    public async Task InitializeAsync()
    {
        docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/8.9.txt", Detail);
        temp.Write("docs/get-op-api/8.8.txt", Chat);
        engine = new MockEngine(await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), fixtures: null, seed: null), TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lint_TwoExamplesDisagreeingAboutAUser_WarnsNamingBothFilesAndLines()
    {
        // When the docs are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", docs);

        // Then the later doc's line with the other icon is warned about, naming 2.19's line with the first
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        var detailLine = Detail.Split('\n').ToList().FindIndex(l => l.Contains(OtherIcon, StringComparison.Ordinal)) + 1;
        var shippedLine = File.ReadAllLines(Path.Combine(docs, "get-op-api", "2.19.txt")).ToList().FindIndex(l => l.Contains("f35fe1ecaec540869c9b764ac6f2783d", StringComparison.Ordinal)) + 1;
        result.Out.ShouldContain($"get-op-api/8.9.txt:{detailLine}: warning: example disagrees with get-op-api/2.19.txt:{shippedLine} about user {UserId}: icon is \"{OtherIcon}\" here");

        // And the chat in service its OP's example list leaves out is warned about too, naming both docs
        result.Out.ShouldContain("get-op-api/8.8.txt:");
        result.Out.ShouldContain("example disagrees with get-op-api/2.19.txt:");
        result.Out.ShouldContain("the OP's list stays as its example shows it");
    }

    [Fact]
    public async Task Samples_TwoExamplesDisagreeing_EachAnswersItsOwnAndOtherRoutesTheFirstDocs()
    {
        // When each doc's sample is asked, and 2.36 (which shows the user, in no example) too
        var detail = await DataAsync("/op/v2/getUserIcon", $$"""{"userId":"{{UserId}}"}""");
        var receives = await DataAsync(Receives, "{}", "o0001403351be22c648efa24c20e842fd7351");
        var info = await DataAsync(ChatInfo, $$"""{"userId":"{{UserId}}"}""");

        // Then 8.9 answers its icon, 2.19 its own, and 2.36 the first doc's (2.19, read first)
        // (each example's image served by OpMock under its own file name)
        detail["icon"]!.GetValue<string>().ShouldEndWith("/__opmock/images/another-icon.png");
        var listed = receives["chats"]!.AsArray().Single(c => c!["userId"]!.GetValue<string>() == UserId)!;
        listed["userIcon"]!.GetValue<string>().ShouldContain("f35fe1ecaec540869c9b764ac6f2783d");
        info["user"]!["icon"]!.GetValue<string>().ShouldBe(listed["userIcon"]!.GetValue<string>());

        // And 2.19's list stays as its example shows it: four chats, without 8.8's
        receives["chats"]!.AsArray().Count.ShouldBe(4);
        receives["chats"]!.AsArray().ShouldNotContain(c => c!["chatId"]!.GetValue<string>() == "u0001999888777666555444");
    }

    [Fact]
    public async Task LintAndSamples_TwoExamplesTyingOneChatToTwoUsers_WarnsNamingBothAndEachSampleAnswersItsOwn()
    {
        // Given two docs whose examples tie one chat to two different users
        using var linked = new TempFolder();
        var folder = linked.CopyShippedDocs();
        linked.Write("docs/get-op-api/8.6.txt", ChatUserDoc("8.6", "getChatOwner", "u0001aaaa1111bbbb2222cccc3333dddd4444", "阿强"));
        linked.Write("docs/get-op-api/8.7.txt", ChatUserDoc("8.7", "getChatCustomer", "u0001eeee5555ffff6666aaaa7777bbbb8888", "小美"));

        // When the docs are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", folder);

        // Then the later doc's line is warned about, naming the first doc's line, for the chat and its link
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain("get-op-api/8.7.txt:");
        result.Out.ShouldContain("warning: example disagrees with get-op-api/8.6.txt:");
        result.Out.ShouldContain("about chat u0001424242424242424242: userId is \"u0001eeee5555ffff6666aaaa7777bbbb8888\" here, \"u0001aaaa1111bbbb2222cccc3333dddd4444\" there");

        // And each doc's sample still answers its own example
        var engine = new MockEngine(await MockState.LoadAsync(folder, Path.Combine(linked.Path, "overrides.yaml"), fixtures: null, seed: null), TimeProvider.System);
        foreach (var (route, user, nick) in new[] { ("/op/v2/getChatOwner", "u0001aaaa1111bbbb2222cccc3333dddd4444", "阿强"), ("/op/v2/getChatCustomer", "u0001eeee5555ffff6666aaaa7777bbbb8888", "小美") })
        {
            var reply = await engine.HandleAsync(MockRequest.Create("POST", route, "application/json", System.Text.Encoding.UTF8.GetBytes("""{"chatId":"u0001424242424242424242"}"""),
                ImmutableDictionary<string, string>.Empty, scenario: null), app: false, default);
            var data = JsonNode.Parse(reply.Body)!["data"]!;
            (data["userId"]!.GetValue<string>(), data["nickName"]!.GetValue<string>()).ShouldBe((user, nick), route);
        }
    }

    /// <summary>A chat doc whose example shows the chat's user: <paramref name="user"/> named <paramref name="nick"/>.</summary>
    private static string ChatUserDoc(string number, string route, string user, string nick) => $$"""
        ##{{number}} 会话的用户
        ###URL:
        http://120.55.94.183:8080/op/v2/{{route}}
        ###方式:
        post
        ###输入参数:
        |字段|类型|描述|可为空|备注|
        |:----|:----|:----|:----|:----|
        |chatId|String|会话ID|否| |

        ###返回数据:
        |字段|类型|描述|备注|
        |:----|:----|:----|:----|
        |chatId|String|会话ID| |
        |userId|String|用户ID| |
        |nickName|String|用户昵称| |

        ###返回json格式示例：
        ```
        {
          "code": 200,
          "message": "成功",
          "data": {
            "chatId": "u0001424242424242424242",
            "userId": "{{user}}",
            "nickName": "{{nick}}"
          },
          "page": null,
          "foot": {"operationTime": "2016-04-02 15:00:00", "servicePhone": "400800400", "host": "op-test-01"}
        }
        ```

        ####测试环境：

        http://120.55.94.183:8080/op/v2/{{route}}?apiVersion=01

        ```
        {"chatId":"u0001424242424242424242"}
        ```
        """;

    private async Task<JsonObject> DataAsync(string route, string body, string? token = null)
    {
        var query = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["token"] = token };
        var reply = await engine.HandleAsync(MockRequest.Create("POST", route, "application/json", System.Text.Encoding.UTF8.GetBytes(body), query.ToImmutableDictionary(), scenario: null), app: false, default);
        reply.Status.ShouldBe(200, System.Text.Encoding.UTF8.GetString(reply.Body));
        return JsonNode.Parse(reply.Body)!["data"]!.AsObject();
    }
}
