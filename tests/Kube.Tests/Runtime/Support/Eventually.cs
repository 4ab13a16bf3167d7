namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>Waits for a condition reached by background work; fails (never passes silently) if it is not reached.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(2);
        }
    }
}
