namespace OpMock.Core.World;

/// <summary>Image URLs and file names in the shapes the captured responses show.</summary>
internal static class Icons
{
    private const string Host = "http://7xkq6j.com1.z0.glb.clouddn.com/";
    private const string Query = "?attname=&imageView2/1/w/200/h/200";

    public static string UserIcon(Bogus.Randomizer random) => Host + random.Hexadecimal(32, "") + ".png" + Query;

    public static string DefaultUserIcon() => Host + "defaultUserIcon.png" + Query;

    public static string Logo(Bogus.Randomizer random) => random.Hexadecimal(32, "") + "_100.png";
}
