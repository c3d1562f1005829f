using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace OpMock.Core.Server;

/// <summary>What a field of an admin body makes WireMock do, as far as the <see cref="AdminPolicy"/> cares.</summary>
internal enum FieldUse
{
    /// <summary>A value WireMock keeps or matches with: nothing to check.</summary>
    Plain,

    /// <summary>The user's own data (a JSON body, headers, metadata): its keys are not WireMock's fields.</summary>
    Content,

    /// <summary>An object (or a list of them, or a plain string where WireMock takes either) of the named model.</summary>
    Nested,

    /// <summary>A path WireMock reads a file from.</summary>
    File,

    /// <summary>A switch that makes WireMock read or write files (on unless null, false, 0 or empty).</summary>
    FileSwitch,

    /// <summary>Part of the name of files WireMock writes.</summary>
    FileName,

    /// <summary>A URL WireMock sends requests to.</summary>
    Target,

    /// <summary>An HTTP proxy WireMock sends requests through (`host:port` or a URL).</summary>
    ProxyServer,

    /// <summary>Rewrites a proxy's target URL for each request.</summary>
    Rewrite,
}

/// <summary>One known field: what it does, and for <see cref="FieldUse.Nested"/> the model it holds.</summary>
internal sealed record AdminField(FieldUse Use, string? Model = null);

/// <summary>
/// The admin API's bodies as WireMock.Net 2.21 reads them (its Newtonsoft reader matches keys in any case):
/// the public models of WireMock.Net.Abstractions (`MappingModel`, `ResponseModel`, `WebhookModel`,
/// `SettingsModel`, `ProxyAndRecordSettingsModel` and what they hold) and WireMock.Org.Abstractions (the
/// wiremock.org import), field by field. A field WireMock adds later is unknown here: the policy refuses it
/// when its name or value looks like a file, a folder or a host (<see cref="LooksOutbound"/>).
/// </summary>
internal static partial class AdminFields
{
    public const string Mapping = "Mapping";
    public const string Request = "Request";
    public const string Settings = "Settings";
    public const string OrgMapping = "OrgMapping";

    public static readonly FrozenDictionary<string, FrozenDictionary<string, AdminField>> Models = new Dictionary<string, FrozenDictionary<string, AdminField>>
    {
        [Mapping] = Fields(
            Plain("Guid", "UpdatedAt", "Title", "Description", "Priority", "Scenario", "WhenStateIs", "SetStateTo", "TimesInSameState", "IsDisabled",
                "UseWebhooksFireAndForget", "Probability", "ProtoDefinition", "ProtoDefinitions"),
            Nested(("TimeSettings", "TimeSettings"), ("Request", Request), ("Response", "Response"), ("Webhook", "Webhook"), ("Webhooks", "Webhook")),
            [("SaveToFile", new(FieldUse.FileSwitch)), ("Data", new(FieldUse.Content))]),
        ["TimeSettings"] = Fields(Plain("Start", "End", "TTL")),
        [Request] = Fields(
            Plain("Methods", "HttpVersion", "MethodsRejectOnMatch", "MethodsMatchOperator", "EarlyMatcherType"),
            Nested(("ClientIP", "Matchers"), ("Path", "Matchers"), ("Url", "Matchers"), ("Headers", "NamedMatchers"), ("Cookies", "NamedMatchers"),
                ("Params", "NamedMatchers"), ("Body", "Body"))),

        // PathModel, UrlModel and ClientIPModel share their shape; so do HeaderModel, CookieModel and ParamModel.
        ["Matchers"] = Fields(Plain("MatchOperator"), Nested(("Matchers", "Matcher"))),
        ["NamedMatchers"] = Fields(Plain("Name", "IgnoreCase", "RejectOnMatch", "MatchOperator"), Nested(("Matchers", "Matcher"))),
        ["Body"] = Fields(Plain("MatcherName", "MatchOperator"), Nested(("Matcher", "Matcher"), ("Matchers", "Matcher"))),
        ["Matcher"] = Fields(
            Plain("Name", "IgnoreCase", "RejectOnMatch", "MatchOperator", "Regex", "ProtoBufMessageType"),
            Nested(("ContentTypeMatcher", "Matcher"), ("ContentDispositionMatcher", "Matcher"), ("ContentTransferEncodingMatcher", "Matcher"), ("ContentMatcher", "Matcher")),
            [("PatternAsFile", new(FieldUse.File)), ("Pattern", new(FieldUse.Content)), ("Patterns", new(FieldUse.Content)),
                ("XmlNamespaceMap", new(FieldUse.Content)), ("CustomScalars", new(FieldUse.Content))]),
        ["Response"] = Fields(
            Plain("StatusCode", "BodyDestination", "Body", "BodyAsJsonIndented", "BodyAsBytes", "UseTransformer", "TransformerType",
                "UseTransformerForBodyAsFile", "TransformerReplaceNodeOptions", "HeadersRaw", "Delay", "MinimumRandomDelay", "MaximumRandomDelay",
                "X509Certificate2ThumbprintOrSubjectName", "ProtoDefinition", "ProtoDefinitions", "ProtoBufMessageType"),
            Nested(("BodyEncoding", "Encoding"), ("Fault", "Fault"), ("WebProxy", "WebProxy")),
            [("BodyAsFile", new(FieldUse.File)), ("BodyAsFileIsCached", new(FieldUse.FileSwitch)), ("ProxyUrl", new(FieldUse.Target)),
                ("ProxyUrlReplaceSettings", new(FieldUse.Rewrite)), ("BodyAsJson", new(FieldUse.Content)), ("Headers", new(FieldUse.Content)),
                ("TrailingHeaders", new(FieldUse.Content))]),
        ["Encoding"] = Fields(Plain("CodePage", "EncodingName", "WebName")),
        ["Fault"] = Fields(Plain("Type", "Percentage")),
        ["WebProxy"] = Fields(Plain("UserName", "Password"), [], [("Address", new(FieldUse.ProxyServer))]),
        ["Webhook"] = Fields(Plain(), Nested(("Request", "WebhookRequest"))),
        ["WebhookRequest"] = Fields(
            Plain("Method", "Body", "UseTransformer", "TransformerType", "TransformerReplaceNodeOptions", "Delay", "MinimumRandomDelay", "MaximumRandomDelay"),
            [],
            [("Url", new(FieldUse.Target)), ("Headers", new(FieldUse.Content)), ("BodyAsJson", new(FieldUse.Content))]),
        [Settings] = Fields(
            Plain("GlobalProcessingDelay", "AllowPartialMapping", "RequestLogExpirationDuration", "MaxRequestLogCount", "AllowBodyForAllHttpMethods",
                "AllowOnlyDefinedHttpStatusCodeInResponse", "DisableJsonBodyParsing", "DisableRequestBodyDecompressing", "DisableDeserializeFormUrlEncoded",
                "HandleRequestsSynchronously", "UseRegexExtended", "CorsPolicyOptions", "HostingScheme", "DoNotSaveDynamicResponseInLogEntry",
                "QueryParameterMultipleValueSupport", "ClientCertificateMode", "AcceptAnyClientCertificate"),
            Nested(("ProxyAndRecordSettings", "ProxyAndRecord"), ("WebSocketSettings", "WebSocket")),
            [("SaveUnmatchedRequests", new(FieldUse.FileSwitch)), ("ReadStaticMappings", new(FieldUse.FileSwitch)),
                ("WatchStaticMappings", new(FieldUse.FileSwitch)), ("WatchStaticMappingsInSubdirectories", new(FieldUse.FileSwitch)),
                ("ProtoDefinitions", new(FieldUse.Content))]),
        ["WebSocket"] = Fields(Plain("MaxConnections", "ReceiveBufferSize", "KeepAliveIntervalSeconds", "MaxMessageSize", "EnableCompression", "CloseTimeoutMinutes")),
        ["ProxyAndRecord"] = Fields(
            Plain("ClientX509Certificate2ThumbprintOrSubjectName", "AllowAutoRedirect", "SaveMapping", "SaveMappingForStatusCodePattern",
                "ExcludedHeaders", "ExcludedCookies", "UseDefinedRequestMatchers", "AppendGuidToSavedMappingFile", "ProxyAll"),
            Nested(("WebProxySettings", "WebProxy")),
            [("Url", new(FieldUse.Target)), ("SaveMappingToFile", new(FieldUse.FileSwitch)), ("PrefixForSavedMappingFile", new(FieldUse.FileName)),
                ("ReplaceSettings", new(FieldUse.Rewrite))]),
        [OrgMapping] = Fields(
            Plain("Id", "Uuid", "Name", "Persistent", "Priority", "ScenarioName", "RequiredScenarioState", "NewScenarioState"),
            Nested(("Request", "OrgRequest"), ("Response", "OrgResponse")),
            [("PostServeActions", new(FieldUse.Content)), ("Metadata", new(FieldUse.Content))]),
        ["OrgRequest"] = Fields(
            Plain("Method", "Url", "UrlPath", "UrlPathPattern", "UrlPattern"),
            [],
            [("QueryParameters", new(FieldUse.Content)), ("Headers", new(FieldUse.Content)), ("BasicAuthCredentials", new(FieldUse.Content)),
                ("Cookies", new(FieldUse.Content)), ("BodyPatterns", new(FieldUse.Content))]),
        ["OrgResponse"] = Fields(
            Plain("Status", "StatusMessage", "Body", "Base64Body", "Fault", "FixedDelayMilliseconds", "FromConfiguredStub", "Transformers"),
            [],
            [("BodyFileName", new(FieldUse.File)), ("ProxyBaseUrl", new(FieldUse.Target)), ("Headers", new(FieldUse.Content)),
                ("AdditionalProxyRequestHeaders", new(FieldUse.Content)), ("JsonBody", new(FieldUse.Content)), ("DelayDistribution", new(FieldUse.Content)),
                ("TransformerParameters", new(FieldUse.Content))]),
    }.ToFrozenDictionary();

    /// <summary>
    /// An unknown key that may name a file, a folder or a host, or whose value does (a URL, an absolute or
    /// home-relative path): what a field WireMock adds for files or proxies would look like.
    /// </summary>
    public static bool LooksOutbound(string key, string? text) =>
        OutboundName().IsMatch(key)
        || (text is not null && (text.Contains("://", StringComparison.Ordinal) || text.StartsWith('/') || text.StartsWith('~') || text.StartsWith('\\') || DrivePath().IsMatch(text)));

    [GeneratedRegex("file|path|dir|folder|disk|save|write|load|export|url|uri|host|proxy|address|endpoint|hook|callback|target|server|socket|import|include|location|redirect|link|mount|upstream|forward|remote", RegexOptions.IgnoreCase)]
    private static partial Regex OutboundName();

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex DrivePath();

    private static (string, AdminField)[] Plain(params string[] names) => [.. names.Select(n => (n, new AdminField(FieldUse.Plain)))];

    private static (string, AdminField)[] Nested(params (string Name, string Model)[] fields) => [.. fields.Select(f => (f.Name, new AdminField(FieldUse.Nested, f.Model)))];

    private static FrozenDictionary<string, AdminField> Fields(params (string, AdminField)[][] groups) =>
        groups.SelectMany(g => g).ToFrozenDictionary(f => f.Item1, f => f.Item2, StringComparer.OrdinalIgnoreCase);
}
