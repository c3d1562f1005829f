using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class AcceptThreadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static AcceptThread Transport() => new(new SocketConnectionFactoryOptions(), NullLoggerFactory.Instance);

    [Fact]
    public async Task AcceptAsync_ClientsConnect_EachAcceptedInOrderWithItsBytes()
    {
        // Given a listener on a free loopback port
        await using var listener = await Transport().BindAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.EndPoint).Port;
        port.ShouldBeGreaterThan(0);
        using var cancel = new CancellationTokenSource(Bound);

        // When three clients connect and each sends its number
        var clients = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
            await client.SendAsync(Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), SocketFlags.None, cancel.Token);
            clients.Add(client);
        }

        // Then each is accepted, in the order it connected, as a Kestrel connection carrying its bytes
        for (var i = 0; i < 3; i++)
        {
            await using var connection = (await listener.AcceptAsync(cancel.Token))!;
            ((IPEndPoint)connection.RemoteEndPoint!).Port.ShouldBe(((IPEndPoint)clients[i].LocalEndPoint!).Port);
            var read = await connection.Transport.Input.ReadAsync(cancel.Token);
            Encoding.ASCII.GetString(read.Buffer.FirstSpan).ShouldBe(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            connection.Transport.Input.AdvanceTo(read.Buffer.End);
        }

        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task UnbindAsync_WhileWaitingForAClient_AcceptEndsWithNullAndThePortIsFree()
    {
        // Given a listener whose accept waits for a client
        var endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        var listener = await Transport().BindAsync(endpoint);
        var port = ((IPEndPoint)listener.EndPoint).Port;
        var waiting = listener.AcceptAsync().AsTask();

        // When it is unbound
        await listener.UnbindAsync().AsTask().WaitAsync(Bound);

        // Then the waiting accept ends with no connection (Kestrel's signal to stop), and the port can be bound again
        (await waiting.WaitAsync(Bound)).ShouldBeNull();
        await listener.DisposeAsync();
        await using var again = await Transport().BindAsync(new IPEndPoint(IPAddress.Loopback, port));
        again.EndPoint.ShouldBe(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task BindAsync_PortTaken_AddressInUseAsKestrelsOwnListenerSaysIt()
    {
        // Given a port another listener holds
        await using var first = await Transport().BindAsync(new IPEndPoint(IPAddress.Loopback, 0));

        // When a second binds it, then it is Kestrel's "address in use"
        await Should.ThrowAsync<AddressInUseException>(async () => await Transport().BindAsync(first.EndPoint));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData(null, false)]
    public void CanBind_IpAddressesOnly(string? address, bool bindable) =>
        Transport().CanBind(address is null ? new UnixDomainSocketEndPoint("/tmp/opmock.sock") : new IPEndPoint(IPAddress.Parse(address), 0)).ShouldBe(bindable);
}
