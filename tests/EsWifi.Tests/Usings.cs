global using Xunit;
global using EsWifi.Emulator.FrontEnds;
global using EsWifi.Emulator.Peers;
