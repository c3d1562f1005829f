namespace OpMock.Core.World;

/// <summary>Image URLs and file names in the shapes the captured responses show.</summary>
internal static class Icons
{
    private const string Host = "http://7xkq6j.com1.z0.glb.clouddn.com/";
    private const string Query = "?attname=&imageView2/1/w/200/h/200";

    public static string UserIcon(Bogus.Randomizer random) => Host + RandomHex.Of32(random) + ".png" + Query;

    public static string DefaultUserIcon() => Host + "defaultUserIcon.png" + Query;

    /// <summary>A client app's logo: there are only as many logos as apps (Catalog/Clients).</summary>
    public static string Logo(Bogus.Randomizer random) => Catalog.Clients.All.Pick(random).Logo;
}
