using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class ClientConnectionLimitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AcceptAsync_OneClientPastItsShare_IsClosedAndOthersStillGetIn()
    {
        // Given Kestrel's socket transport with a share of 3 connections per client address
        var factory = new ClientConnectionLimit(new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance), perClient: 3);
        await using var listener = await factory.BindAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.EndPoint).Port;
        var accepted = new List<ConnectionContext>();
        using var cancel = new CancellationTokenSource(Bound);

        // When 127.0.0.1 opens 5 connections, then 127.0.0.2 opens one
        var first = new List<Socket>();
        for (var i = 0; i < 5; i++)
        {
            first.Add(await ConnectAsync(IPAddress.Loopback, port));
        }

        var other = await ConnectAsync(IPAddress.Parse("127.0.0.2"), port);
        for (var i = 0; i < 4; i++)
        {
            accepted.Add((await listener.AcceptAsync(cancel.Token))!);
        }

        // Then three of the first client's and the other client's are accepted; the two over the share are closed
        accepted.Select(c => ((IPEndPoint)c.RemoteEndPoint!).Address.ToString()).ShouldBe(["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.2"]);
        (await ClosedAsync(first[3], cancel.Token)).ShouldBeTrue();
        (await ClosedAsync(first[4], cancel.Token)).ShouldBeTrue();

        // And once one of its connections ends, the first client gets in again
        await accepted[0].DisposeAsync();
        var again = await ConnectAsync(IPAddress.Loopback, port);
        var next = (await listener.AcceptAsync(cancel.Token))!;
        next.RemoteEndPoint.ShouldBeOfType<IPEndPoint>().Port.ShouldBe(((IPEndPoint)again.LocalEndPoint!).Port);

        foreach (var socket in first.Append(other).Append(again))
        {
            socket.Dispose();
        }

        foreach (var connection in accepted.Skip(1).Append(next))
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<Socket> ConnectAsync(IPAddress from, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    /// <summary>Whether the server closed the socket (a read ends or is reset), waiting at most until the token.</summary>
    private static async Task<bool> ClosedAsync(Socket socket, CancellationToken cancel)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[1], SocketFlags.None, cancel) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
