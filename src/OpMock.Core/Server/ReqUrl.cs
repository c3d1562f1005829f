namespace OpMock.Core.Server;

/// <summary>
/// Checks a transfer's reqUrl before anything else reads it. The mock never makes an outbound
/// request, and a reqUrl is only ever looked up among the documented direct routes.
/// </summary>
internal static class ReqUrl
{
    /// <summary>Why a reqUrl is refused outright (absolute URL, host, traversal), or null when it is a plain path.</summary>
    public static string? Hostile(string reqUrl) => reqUrl switch
    {
        _ when reqUrl.Contains("://", StringComparison.Ordinal) => "an absolute URL",
        _ when reqUrl.StartsWith("//", StringComparison.Ordinal) || reqUrl.StartsWith(@"\\", StringComparison.Ordinal) => "a URL with a host",
        _ when reqUrl.Contains("..", StringComparison.Ordinal) || reqUrl.Contains('\\') => "a path with `..` or backslashes",
        _ when reqUrl.Any(char.IsControl) || reqUrl.Contains('%') || reqUrl.Contains('@') => "a path with encoded or control characters",
        _ when !reqUrl.StartsWith('/') => "not a path starting with /",
        _ => null,
    };
}
