namespace OpMock.Core.Server;

/// <summary>
/// Every path prefix OpMock answers itself, in one place: the admin API (WireMock.Net's, and OpMock's additions
/// under it) and the console. Everything under <see cref="Admin"/> and <see cref="Console"/> is behind the admin
/// guard unless <see cref="OwnEndpoints"/> lists it public; the rest of a port is the documented routes and the
/// user's stubs. Each endpoint's own constants name these.
/// </summary>
internal static class OwnPaths
{
    /// <summary>WireMock.Net's admin API, and OpMock's request log, sessions admin and reset under it.</summary>
    public const string Admin = "/__admin";

    /// <summary>The web console, and the public images the world's answers link to.</summary>
    public const string Console = "/__opmock";

    /// <summary>OpMock's request log, in WireMock.Net's shape.</summary>
    public const string Requests = Admin + "/requests";

    /// <summary>The Java client's resetAll: the port's stubs, scenarios and log.</summary>
    public const string Reset = Admin + "/reset";

    /// <summary>WireMock.Net's settings (the request log's bound among them).</summary>
    public const string Settings = Admin + "/settings";

    /// <summary>WireMock.Net's OpenAPI import, which writes stubs from an uploaded document.</summary>
    public const string Swagger = Admin + "/mappings/swagger";

    /// <summary>OpMock's sessions and world reset.</summary>
    public const string Sessions = Admin + "/opmock";

    /// <summary>The world's avatars (public: the answers link to them).</summary>
    public const string Avatars = Console + "/avatars";

    /// <summary>The docs' example images (public).</summary>
    public const string Images = Console + "/images";

    /// <summary>The header the console's own page sends, so its requests stay out of its live log.</summary>
    public const string ConsoleHeader = "X-OpMock-Console";
}
