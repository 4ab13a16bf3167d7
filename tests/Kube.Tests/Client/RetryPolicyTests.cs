using VisitCounter.Kube.Client.Retries;

namespace VisitCounter.Kube.Tests.Client;

public sealed class RetryPolicyTests
{
    private static readonly ClientRetryOptions Options = new();
    private readonly RetryPolicy policy = new(Options);

    public static TheoryData<RequestSafety, int?, int?, TransportFailure, bool> Cases => new()
    {
        // 429: the server did nothing, so every request may be sent again.
        { RequestSafety.Read, 429, 1, TransportFailure.None, true },
        { RequestSafety.NonIdempotentWrite, 429, 1, TransportFailure.None, true },
        { RequestSafety.NonIdempotentWrite, 429, null, TransportFailure.None, true },

        // 5xx: the server may have acted; only requests whose repeat is harmless.
        { RequestSafety.Read, 503, null, TransportFailure.None, true },
        { RequestSafety.IdempotentWrite, 500, 2, TransportFailure.None, true },
        { RequestSafety.IdempotentWrite, 500, null, TransportFailure.None, true },
        { RequestSafety.NonIdempotentWrite, 503, 2, TransportFailure.None, false },
        { RequestSafety.NonIdempotentWrite, 500, null, TransportFailure.None, false },

        // No answer.
        { RequestSafety.NonIdempotentWrite, null, null, TransportFailure.NotSent, true },
        { RequestSafety.NonIdempotentWrite, null, null, TransportFailure.ConnectionLost, false },
        { RequestSafety.NonIdempotentWrite, null, null, TransportFailure.Timeout, false },
        { RequestSafety.IdempotentWrite, null, null, TransportFailure.ConnectionLost, true },
        { RequestSafety.Read, null, null, TransportFailure.Timeout, true },

        // A 4xx is about the request itself.
        { RequestSafety.Read, 404, null, TransportFailure.None, false },
        { RequestSafety.IdempotentWrite, 409, null, TransportFailure.None, false },
        { RequestSafety.Read, 403, null, TransportFailure.None, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Retries_only_what_is_safe_to_send_again(RequestSafety safety, int? status, int? retryAfterSeconds, TransportFailure failure, bool retried)
    {
        var outcome = new AttemptOutcome(status, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, failure);

        Assert.Equal(retried, policy.NextDelay(safety, outcome, retry: 0, jitter: 0) is not null);
    }

    [Fact]
    public void Retry_After_is_honoured_up_to_the_cap_and_a_zero_hint_still_backs_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), policy.NextDelay(RequestSafety.Read, AttemptOutcome.Answer(429, TimeSpan.FromSeconds(2)), 0, 0.9));
        Assert.Equal(Options.MaxRetryAfter, policy.NextDelay(RequestSafety.Read, AttemptOutcome.Answer(429, TimeSpan.FromHours(1)), 0, 0));
        Assert.Equal(Options.InitialBackoff, policy.NextDelay(RequestSafety.Read, AttemptOutcome.Answer(429, TimeSpan.Zero), 0, 0));
    }

    [Fact]
    public void Backoff_doubles_to_the_cap_with_at_most_half_again_as_jitter()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.Backoff(0, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), policy.Backoff(2, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(600), policy.Backoff(2, 1));
        Assert.Equal(Options.MaxBackoff, policy.Backoff(20, 0));
    }

    [Fact]
    public void Hinted_retries_stop_at_MaxRetries_and_unhinted_ones_at_MaxBackoffRetries()
    {
        var hinted = AttemptOutcome.Answer(429, TimeSpan.FromSeconds(1));
        var unhinted = AttemptOutcome.Answer(503);

        Assert.NotNull(policy.NextDelay(RequestSafety.Read, hinted, Options.MaxRetries - 1, 0));
        Assert.Null(policy.NextDelay(RequestSafety.Read, hinted, Options.MaxRetries, 0));
        Assert.NotNull(policy.NextDelay(RequestSafety.Read, unhinted, Options.MaxBackoffRetries - 1, 0));
        Assert.Null(policy.NextDelay(RequestSafety.Read, unhinted, Options.MaxBackoffRetries, 0));
        Assert.Null(new RetryPolicy(ClientRetryOptions.None).NextDelay(RequestSafety.Read, hinted, 0, 0));
    }
}
