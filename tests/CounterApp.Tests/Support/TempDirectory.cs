namespace VisitCounter.CounterApp.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted with its content on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("counter-app-tests-").FullName;
    }

    public string Path { get; }

    public string VisitsFile => System.IO.Path.Combine(Path, "visits");

    public void Dispose()
    {
        try
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the OS temp cleaner gets it.
        }
    }
}
