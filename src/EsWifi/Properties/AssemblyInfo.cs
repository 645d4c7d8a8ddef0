using System.Reflection;
using System.Runtime.CompilerServices;

// Only the .nfproj build (Visual Studio) uses this file's attributes; the SDK build generates its own.
#if NANOFRAMEWORK_1_0 && !SDK_BUILD
[assembly: AssemblyTitle("nanoFramework.EsWifi")]
[assembly: AssemblyDescription("Driver for Inventek eS-WiFi modules (ISM43362, ISM43340, ISM4343)")]
[assembly: AssemblyProduct("nanoFramework.EsWifi")]
[assembly: AssemblyCopyright("Copyright (c) nf-EsWifi contributors")]

// This assembly has no native counterpart.
[assembly: AssemblyNativeVersion("0.0.0.0")]

// The protocol layer is internal; the on-target tests, the UART adapter and the MQTT client (its text helpers) use it (as in EsWifi.csproj).
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("EsWifi.Serial")]
[assembly: InternalsVisibleTo("EsWifi.Mqtt")]
#endif
