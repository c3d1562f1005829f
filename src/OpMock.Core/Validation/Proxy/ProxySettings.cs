namespace OpMock.Core.Validation.Proxy;

/// <param name="Target">The real server every request is forwarded to.</param>
/// <param name="Port">The proxy's port; 0 picks a free one.</param>
/// <param name="RecordFolder">When set, each exchange is saved there as a one-entry HAR file.</param>
/// <param name="Timeout">Bounds the whole exchange with the target, headers and body: past it the client gets a 504, or, when the target's headers were already forwarded (a large body streaming unchecked), the connection is cut.</param>
internal sealed record ProxySettings(Uri Target, int Port, string? RecordFolder, TimeSpan Timeout)
{
    /// <summary>The address to listen on: loopback unless a device elsewhere (a phone, a tester's browser) must reach it.</summary>
    public System.Net.IPAddress Listen { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>The console's own port (0 picks a free one): never the proxy's, so no page the proxy forwards shares its origin.</summary>
    public int ConsolePort { get; init; }

    public string Endpoint => Listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Listen}]:{Port}" : $"{Listen}:{Port}";
}

/// <summary>One request through the proxy, as reported to whoever logs them.</summary>
/// <param name="Result">The check of the response; null when the route is not one the contract documents.</param>
internal sealed record ProxyExchange(string Method, string PathAndQuery, int Status, CheckedResponse? Result)
{
    /// <summary>Why the exchange could not be saved to the --record folder, when it could not.</summary>
    public string? RecordError { get; init; }

    /// <summary>
    /// What went wrong or was left out: the target gave no answer (the client got a 502 or 504), the body
    /// was forwarded unchecked (too large, a compression bomb), the connection broke mid-body.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>From the request's arrival to the end of the answer.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The request body as kept (at most <see cref="ValidationProxy.KeptRequest"/>), for the console; null when none was kept.</summary>
    public byte[]? RequestBody { get; init; }

    /// <summary>The response body as checked (decompressed), for the console; null when it was not held.</summary>
    public byte[]? ResponseBody { get; init; }
}
