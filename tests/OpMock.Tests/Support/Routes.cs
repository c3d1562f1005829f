namespace OpMock.Tests.Support;

/// <summary>The shipped docs' routes, as tests name them (`using static`).</summary>
internal static class Routes
{
    public const string ChatInfo = "/op/v2/getChatInfoByUserId";
    public const string Receives = "/op/v2/receives";
    public const string TransferRoute = OpMock.Core.Docs.Endpoint.TransferRoute;
}
