global using Xunit;
global using EsWifi.Emulator.FrontEnds;
