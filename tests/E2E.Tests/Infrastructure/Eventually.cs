namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>
/// Waits for the cluster to converge. The limits are generous failure bounds, never the thing under test:
/// a test asserts what the cluster reaches, not how fast.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Polls <paramref name="probe"/> until it returns a non-null value; fails with the last observation.</summary>
    public static async Task<T> Until<T>(string what, Func<Task<T?>> probe, TimeSpan? timeout = null, Func<Task<string>>? describe = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var value = await probe();
                if (value is not null)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }

            await Task.Delay(250);
        }

        var state = describe is null ? string.Empty : "\n" + await describe();
        throw new TimeoutException($"Timed out waiting until {what}.{(last is null ? string.Empty : " Last error: " + last.Message)}{state}");
    }

    /// <summary>Polls a condition.</summary>
    public static async Task True(string what, Func<Task<bool>> condition, TimeSpan? timeout = null, Func<Task<string>>? describe = null) =>
        await Until(what, async () => await condition() ? string.Empty : null, timeout, describe);
}
