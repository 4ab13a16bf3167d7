using System.Runtime.Versioning;

// The app's durability (fdatasync, directory fsync) and the process tests (signals, setpriv) are Linux behaviours.
[assembly: SupportedOSPlatform("linux")]
