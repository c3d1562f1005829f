namespace OpMock.Core.Server;

/// <summary>
/// Sessions isolate what writes change (issue: actions change the world): named by the `X-OpMock-Session`
/// header, the default session without it. A name is short, printable ASCII, so it is safe in a log line,
/// a Redis key and a URL path.
/// </summary>
internal static class SessionName
{
    public const string Header = "X-OpMock-Session";

    public const string Default = World.State.Sessions.Default;

    public const int MaxLength = 64;

    /// <summary>The session a header value names: the default for none or empty; null with <paramref name="problem"/> when it cannot be one.</summary>
    public static string? Read(string? header, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(header))
        {
            return Default;
        }

        if (header.Length > MaxLength || !header.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            problem = $"{Header} must be 1 to {MaxLength} letters, digits, '-', '_', '.' or ':'";
            return null;
        }

        return header;
    }
}
