using System.Reflection;
using System.Runtime.CompilerServices;

// Only the .nfproj build (Visual Studio) uses this file's attributes; the SDK build generates its own.
#if NANOFRAMEWORK_1_0 && !SDK_BUILD
[assembly: AssemblyTitle("nanoFramework.EsWifi.Mqtt")]
[assembly: AssemblyDescription("MQTT 3.1.1 over Inventek eS-WiFi module TLS, as nanoFramework.M2Mqtt's IMqttClient")]
[assembly: AssemblyProduct("nanoFramework.EsWifi")]
[assembly: AssemblyCopyright("Copyright (c) nf-EsWifi contributors")]

// This assembly has no native counterpart.
[assembly: AssemblyNativeVersion("0.0.0.0")]
#endif
