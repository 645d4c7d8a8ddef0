using System.Security.Cryptography;
using EsWifi.Emulator.Model;
using EsWifi.Spi;
using EsWifi.Tests.Support;

namespace EsWifi.Tests.Driver;

/// <summary>
/// The EsWifi.Spi adapters (SpiDevice with GPIO chip select, GPIO data-ready and reset) driving the
/// emulator's SPI front end through System.Device.Spi and System.Device.Gpio objects.
/// </summary>
public class SpiAdapterTests
{
    [Fact]
    public void The_system_device_adapters_carry_the_whole_protocol()
    {
        using var emulator = new EmulatedModule(FirmwareProfile.C3525Stm);
        emulator.AccessPoints.Add(new SimulatedAccessPoint { Ssid = EmulatedBench.Ssid, Security = 3, Passphrase = EmulatedBench.Passphrase });
        using var front = new SpiFrontEnd(emulator);
        var board = new EmulatedBoardHardware(front);
        using var link = new SpiDeviceLink(board.Device, board.Gpio, EmulatedBoardHardware.ChipSelectPin);
        var transport = new SpiTransport(link, new GpioDataReadyPin(board.Gpio, EmulatedBoardHardware.DataReadyPin), null, SystemClock.Instance, 8192);
        var module = new EsWifiModule(transport, new EsWifiOptions { ResetPin = new GpioResetPin(board.Gpio, EmulatedBoardHardware.ResetPin) });

        module.Initialize();
        Assert.Equal(2, emulator.Reboots);
        Assert.Equal("ISM43362-M3G-L44-SPI", module.Info.ProductId);
        Assert.Single(module.Wifi.Scan());
        module.Wifi.Join(EmulatedBench.Ssid, EmulatedBench.Passphrase, WifiSecurity.Wpa2);

        using var server = LoopbackServer.TcpEcho();
        using EsWifiNetworkStream tcp = module.ConnectTcp("127.0.0.1", server.Port);
        tcp.ReadTimeout = 5000;
        byte[] data = RandomNumberGenerator.GetBytes(5001);
        data[0] = 0x15;
        TransferTests.EchoExact(tcp, data);
    }
}
