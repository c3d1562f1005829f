using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>
/// The admin field policy through real servers, one per combination of --admin-allow-files and
/// --admin-allow-proxy: every field that reads a file or reaches a host, on every endpoint that takes it,
/// given each kind of value that matters (a file in the allowed folder, outside it, a device, a FIFO, a link or
/// `..` leading out; a remote URL, this server under several names, another loopback port).
/// </summary>
public sealed class AdminPolicyTests(AdminPolicyTests.Servers servers) : IClassFixture<AdminPolicyTests.Servers>
{
    public enum Value
    {
        FileInFolder,
        FileOutside,
        Device,
        Fifo,
        LinkOut,
        FolderLinkOut,
        DotDotOut,
        RemoteUrl,
        SelfUrl,
        SelfAppPort,
        SelfLocalhost,
        SelfUnspecified,
        SelfDecimal,
        SelfMapped,
        SelfMachineName,
        LoopbackOtherPort,
    }

    /// <summary>A field as a request: (method, admin path, body) for a value; and the field's name as the refusal names it.</summary>
    internal sealed record FieldCase(string Name, Func<string, (HttpMethod Method, string Path, string Body)> Build);

    private static readonly FieldCase[] FileFields =
    [
        new("Response.BodyAsFile", v => (HttpMethod.Post, "/__admin/mappings", Fill("""{"Request":{"Path":"@path"},"Response":{"BodyAsFile":@v}}""", v))),
        new("response.bodyasfile", v => (HttpMethod.Post, "/__admin/mappings", Fill("""{"request":{"path":"@path"},"response":{"bodyasfile":@v}}""", v))),
        new("[1].Response.BodyAsFile", v => (HttpMethod.Post, "/__admin/mappings", Fill("""[{"Request":{"Path":"@path"},"Response":{}},{"Request":{"Path":"@path"},"Response":{"BodyAsFile":@v,"BodyAsFileIsCached":true}}]""", v))),
        new("Response.BodyAsFile", v => (HttpMethod.Put, $"/__admin/mappings/{Guid.NewGuid()}", Fill("""{"Request":{"Path":"@path"},"Response":{"BodyAsFile":@v}}""", v))),
        new("Request.Body.Matcher.PatternAsFile", v => (HttpMethod.Post, "/__admin/mappings", Fill("""{"Request":{"Path":"@path","Body":{"Matcher":{"Name":"ExactMatcher","PatternAsFile":@v}}},"Response":{}}""", v))),
        new("[0].response.bodyFileName", v => (HttpMethod.Post, "/__admin/mappings/wiremock.org", Fill("""[{"request":{"url":"@path","method":"GET"},"response":{"status":200,"bodyFileName":@v}}]""", v))),
    ];

    private static readonly FieldCase[] UrlFields =
    [
        new("Response.ProxyUrl", v => (HttpMethod.Post, "/__admin/mappings", Fill("""{"Request":{"Path":"@path"},"Response":{"ProxyUrl":@v}}""", v))),
        new("response.proxyurl", v => (HttpMethod.Put, $"/__admin/mappings/{Guid.NewGuid()}", Fill("""{"request":{"path":"@path"},"response":{"proxyurl":@v}}""", v))),
        new("Response.WebProxy.Address", v => (HttpMethod.Post, "/__admin/mappings", Fill("""{"Request":{"Path":"@path"},"Response":{"ProxyUrl":"http://127.0.0.1:@other","WebProxy":{"Address":@v}}}""", v))),
        new("Webhook.Request.Url", v => (HttpMethod.Post, "/__admin/mappings", Fill("""{"Request":{"Path":"@path"},"Response":{},"Webhook":{"Request":{"Url":@v,"Method":"POST"}}}""", v))),
        new("[1].Webhooks[1].Request.Url", v => (HttpMethod.Post, "/__admin/mappings", Fill("""[{"Request":{"Path":"@path"},"Response":{}},{"Request":{"Path":"@path"},"Response":{},"Webhooks":[{"Request":{"Url":"http://127.0.0.1:@other","Method":"POST"}},{"Request":{"Url":@v,"Method":"POST"}}]}]""", v))),
        new("[0].response.proxyBaseUrl", v => (HttpMethod.Post, "/__admin/mappings/wiremock.org", Fill("""[{"request":{"url":"@path","method":"GET"},"response":{"status":200,"proxyBaseUrl":@v}}]""", v))),
        new("ProxyAndRecordSettings.Url", v => (HttpMethod.Put, "/__admin/settings", Fill("""{"ProxyAndRecordSettings":{"Url":@v}}""", v))),
        new("ProxyAndRecordSettings.WebProxySettings.Address", v => (HttpMethod.Post, "/__admin/settings", Fill("""{"ProxyAndRecordSettings":{"Url":"http://127.0.0.1:@other","WebProxySettings":{"Address":@v}}}""", v))),
    ];

    private static readonly int OtherPort = StubHttpServer.FreePort();

    /// <summary>value, --admin-allow-files, --admin-allow-proxy, refused with 403 (false: accepted).</summary>
    public static TheoryData<Value, bool, bool, bool> Table => new()
    {
        // A file needs --admin-allow-files, and then must be a regular file inside the allowed folder
        { Value.FileInFolder, false, false, true },
        { Value.FileInFolder, false, true, true },
        { Value.FileInFolder, true, false, false },
        { Value.FileInFolder, true, true, false },
        { Value.FileOutside, false, false, true },
        { Value.FileOutside, true, true, true },
        { Value.Device, false, false, true },
        { Value.Device, true, false, true },
        { Value.Fifo, true, false, true },
        { Value.LinkOut, true, false, true },
        { Value.FolderLinkOut, true, false, true },
        { Value.DotDotOut, true, false, true },

        // Another host needs --admin-allow-proxy; this server itself is refused whatever the flags; another local port is fine
        { Value.RemoteUrl, false, false, true },
        { Value.RemoteUrl, true, false, true },
        { Value.RemoteUrl, false, true, false },
        { Value.SelfUrl, false, false, true },
        { Value.SelfUrl, true, true, true },
        { Value.SelfAppPort, false, true, true },
        { Value.SelfLocalhost, false, false, true },
        { Value.SelfUnspecified, false, true, true },
        { Value.SelfDecimal, false, false, true },
        { Value.SelfMapped, false, true, true },
        { Value.SelfMachineName, false, true, true },
        { Value.LoopbackOtherPort, false, false, false },
        { Value.LoopbackOtherPort, true, true, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Post_FieldGivenValue_AllowedOrRefusedNamingTheField(Value value, bool allowFiles, bool allowProxy, bool refused)
    {
        // Given a server started with the flags, and every field that takes this kind of value
        var host = servers.Host(allowFiles, allowProxy);
        var given = servers.Make(value, host);
        var fields = value < Value.RemoteUrl ? FileFields : UrlFields;

        foreach (var field in fields)
        {
            // When the field is given the value on its endpoint
            var (method, path, body) = field.Build(given);
            var (status, message) = await SendAsync(host, method, path, body);

            // Then it is accepted, or refused with 403 naming the field (and the flag it lacks, when a flag would allow it)
            var what = $"{field.Name} = {given} ({value}; files {allowFiles}, proxy {allowProxy}): {status} {message}";
            if (refused)
            {
                status.ShouldBe(403, what);
                message.ShouldContain($"`{field.Name}`", Case.Sensitive, what);
            }
            else
            {
                status.ShouldBeInRange(200, 299, what);
            }

            if (path.StartsWith("/__admin/settings", StringComparison.Ordinal) && !refused)
            {
                (await SendAsync(host, HttpMethod.Put, "/__admin/settings", "{}")).Status.ShouldBe(200);
            }
        }
    }

    public static TheoryData<string, string, string> Switches => new()
    {
        // field as named, endpoint, body
        { "SaveToFile", "/__admin/mappings", """{"Request":{"Path":"/switch/save"},"Response":{},"SaveToFile":true}""" },
        { "Response.BodyAsFileIsCached", "/__admin/mappings", """{"Request":{"Path":"/switch/cached"},"Response":{"BodyAsFileIsCached":"true"}}""" },
        { "SaveUnmatchedRequests", "/__admin/settings", """{"SaveUnmatchedRequests":1}""" },
        { "ProxyAndRecordSettings.SaveMappingToFile", "/__admin/settings", """{"ProxyAndRecordSettings":{"SaveMappingToFile":true}}""" },
        { "ProxyAndRecordSettings.PrefixForSavedMappingFile", "/__admin/settings", """{"ProxyAndRecordSettings":{"PrefixForSavedMappingFile":"rec-"}}""" },
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public async Task Post_FileSwitch_NeedsAdminAllowFiles(string field, string path, string body)
    {
        // Given servers without and with --admin-allow-files
        foreach (var allowFiles in new[] { false, true })
        {
            var host = servers.Host(allowFiles, allowProxy: false);

            // When a switch that reads or writes files is turned on (true, "true" and 1 are all on for WireMock)
            var (status, message) = await SendAsync(host, path.EndsWith("settings", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path, body);

            // Then it is refused, naming the switch and the flag, unless the flag is given
            if (allowFiles)
            {
                status.ShouldBeInRange(200, 299, message);
                (await SendAsync(host, HttpMethod.Put, "/__admin/settings", "{}")).Status.ShouldBe(200);
            }
            else
            {
                status.ShouldBe(403);
                message.ShouldContain($"`{field}`");
                message.ShouldContain("--admin-allow-files");
            }
        }
    }

    public static TheoryData<string, string, int, string> Refusals => new()
    {
        // endpoint, body, status, named in the message
        { "/__admin/mappings", """{"Request":{"Path":"/d"},"Response":{"BodyFromDisk":"x.json"}}""", 403, "`Response.BodyFromDisk` is not a field" },
        { "/__admin/mappings", """{"Request":{"Path":"/d"},"Response":{"Mirror":"http://10.0.0.1/"}}""", 403, "`Response.Mirror` is not a field" },
        { "/__admin/mappings", """{"Request":{"Path":"/d"},"Response":{"ProxyUrl":"file:///etc/passwd"}}""", 403, "not an absolute http or https URL" },
        { "/__admin/mappings", """{"Request":{"Path":"/d"},"Response":{"ProxyUrl":"http://{{request.query.host}}/"}}""", 403, "is a template" },
        { "/__admin/mappings", """{"Request":{"Path":"/d"},"Response":{"ProxyUrl":"http://127.0.0.1:1","ProxyUrlReplaceSettings":{"OldValue":"127.0.0.1:1","NewValue":"10.0.0.1"}}}""", 403, "--admin-allow-proxy" },
        { "/__admin/mappings", """{"Request":{"Path":"/d"},"Response":{"ProxyUrl":"http://127.0.0.1:8080@10.0.0.1/"}}""", 403, "--admin-allow-proxy" },
        { "/__admin/mappings", """{Request:{Path:'/d'},Response:{BodyAsFile:'/etc/passwd'}}""", 400, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Post_UnknownOrUncheckableBody_IsRefusedNamingTheProblem(string path, string body, int expected, string named)
    {
        // Given a server with no admin flags
        var host = servers.Host(allowFiles: false, allowProxy: false);

        // When a body gives a key WireMock does not know that names a file or host, a target OpMock cannot check, or text WireMock alone reads as JSON
        var (status, message) = await SendAsync(host, path.EndsWith("settings", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path, body);

        // Then it is refused with a message naming it
        status.ShouldBe(expected, message);
        message.ShouldContain(named);
    }

    [Fact]
    public async Task Get_StubProxyingToAnotherLoopbackServer_AnswersItsResponse()
    {
        // Given a server on loopback and a stub proxying to it (no flag needed on this machine)
        await using var target = new StubHttpServer(204);
        var host = servers.Host(allowFiles: false, allowProxy: false);
        var path = NewPath();
        (await SendAsync(host, HttpMethod.Post, "/__admin/mappings", $$$"""{"Request":{"Path":"{{{path}}}"},"Response":{"ProxyUrl":"{{{target.Url.ToString().TrimEnd('/')}}}"}}""")).Status.ShouldBe(201);

        // When the stub is called
        using var answer = await host.Client.GetAsync(host.Server.DirectUrl + path);

        // Then the target's answer comes back
        answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Get_StubServingFileInFolder_AnswersTheFile()
    {
        // Given --admin-allow-files and a stub serving a file of the allowed folder by its name
        var host = servers.Host(allowFiles: true, allowProxy: false);
        var path = NewPath();
        (await SendAsync(host, HttpMethod.Post, "/__admin/mappings", $$$"""{"Request":{"Path":"{{{path}}}"},"Response":{"BodyAsFile":"hello.txt"}}""")).Status.ShouldBe(201);

        // When the stub is called
        using var answer = await host.Client.GetAsync(host.Server.DirectUrl + path);

        // Then the file is served
        (await answer.Content.ReadAsStringAsync()).ShouldBe("hello from the allowed folder");
    }

    private static async Task<(int Status, string Message)> SendAsync(MockHost host, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, host.Server.DirectUrl + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string message;
        try
        {
            message = JsonNode.Parse(text) is JsonObject answer ? answer["message"]?.ToString() ?? text : text;
        }
        catch (JsonException)
        {
            message = text;
        }

        return ((int)response.StatusCode, message);
    }

    private static string Json(string value) => JsonSerializer.Serialize(value);

    /// <summary>A body with the value (@v, as JSON text), a fresh stub path (each @path) and the other loopback port (@other).</summary>
    private static string Fill(string body, string value) =>
        string.Join("", body.Split("@path").Select((part, i) => i == 0 ? part : NewPath() + part)).Replace("@v", Json(value), StringComparison.Ordinal)
            .Replace("@other", OtherPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string NewPath() => "/policy/" + Guid.NewGuid().ToString("N");

    /// <summary>Four servers (files × proxy flags) sharing one WireMock root, with the files the table points at.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        private readonly TempFolder temp = new();
        private readonly Dictionary<(bool, bool), MockHost> hosts = [];

        private string Folder => Path.Combine(temp.Path, "root", "__admin", "mappings");

        internal MockHost Host(bool allowFiles, bool allowProxy) => hosts[(allowFiles, allowProxy)];

        /// <summary>The text a field is given for a kind of value, on this host.</summary>
        internal string Make(Value value, MockHost host)
        {
            var port = host.Server.Port;
            return value switch
            {
                Value.FileInFolder => "hello.txt",
                Value.FileOutside => Path.Combine(temp.Path, "outside.txt"),
                Value.Device => "/dev/zero",
                Value.Fifo => "pipe",
                Value.LinkOut => "link.txt",
                Value.FolderLinkOut => "up/outside.txt",
                Value.DotDotOut => "../../../outside.txt",
                Value.RemoteUrl => "http://10.0.0.1:8080/api",
                Value.SelfUrl => host.Server.DirectUrl,
                Value.SelfAppPort => host.Server.AppUrl + "/",
                Value.SelfLocalhost => $"http://localhost:{port}",
                Value.SelfUnspecified => $"http://0.0.0.0:{port}/",
                Value.SelfDecimal => $"http://2130706433:{port}",
                Value.SelfMapped => $"http://[::ffff:127.0.0.1]:{port}",
                Value.SelfMachineName => $"http://{Environment.MachineName}:{port}",
                Value.LoopbackOtherPort => $"http://127.0.0.1:{OtherPort}",
                _ => throw new ArgumentOutOfRangeException(nameof(value)),
            };
        }

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Folder);
            await File.WriteAllTextAsync(Path.Combine(Folder, "hello.txt"), "hello from the allowed folder");
            await File.WriteAllTextAsync(Path.Combine(temp.Path, "outside.txt"), "secret");
            File.CreateSymbolicLink(Path.Combine(Folder, "link.txt"), Path.Combine(temp.Path, "outside.txt"));
            Directory.CreateSymbolicLink(Path.Combine(Folder, "up"), temp.Path);
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path.Combine(Folder, "pipe")]))!)
            {
                await mkfifo.WaitForExitAsync();
                mkfifo.ExitCode.ShouldBe(0);
            }

            foreach (var files in new[] { false, true })
            {
                foreach (var proxy in new[] { false, true })
                {
                    hosts[(files, proxy)] = await MockHost.StartAsync(new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, Port: 0, AppPort: 0,
                        AllowAdminFiles: files, AllowAdminProxy: proxy, AdminFilesRoot: Path.Combine(temp.Path, "root")));
                }
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var host in hosts.Values)
            {
                await host.DisposeAsync();
            }

            temp.Dispose();
        }
    }
}
