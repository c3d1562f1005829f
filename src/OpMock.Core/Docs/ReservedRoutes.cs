namespace OpMock.Core.Docs;

/// <summary>
/// Paths OpMock keeps for itself on every port: the admin API (`/__admin`) and the console (`/__opmock`). A doc
/// whose route reads as one of them, in any case or spelling, would never be served (the guard answers first), so
/// it is refused where it is written rather than left to look documented.
/// </summary>
internal static class ReservedRoutes
{
    /// <summary>Why a documented route cannot be served, or null.</summary>
    public static string? Problem(string route)
    {
        var path = Server.CanonicalPath.Of(route, out _) ?? route;
        return !Server.CanonicalPath.Guarded(path) ? null
            : Server.CanonicalPath.Under(path, Server.CanonicalPath.Admin)
                ? $"the route `{route}` is under {Server.CanonicalPath.Admin}/, which OpMock keeps for its admin API: it could never be served; document it under another path"
                : $"the route `{route}` is under {Server.CanonicalPath.Console}/, which OpMock keeps for its console: it could never be served; document it under another path";
    }
}
