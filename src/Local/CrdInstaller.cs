using Microsoft.Extensions.Logging;
using VisitCounter.Crds.Generation;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Local;

/// <summary>
/// Installs the VisitCounterApp CRD the way <c>kubectl apply</c> would (create, or replace the spec of the existing
/// one) and waits until the API server reports it <c>Established</c>, so the operator's informer never starts
/// against a resource that is not served yet.
/// </summary>
public sealed partial class CrdInstaller(IKubernetesClient client, TimeProvider time, ILogger<CrdInstaller> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Creates or updates the CRD, then waits for <c>Established=True</c> (at most <paramref name="timeout"/>).</summary>
    public async Task InstallAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var desired = VisitCounterAppCrd.Load();
        var name = desired.Metadata.Name!;
        var existing = await client.GetAsync<V1CustomResourceDefinition>(name, ct: cancellationToken);
        string action;
        if (existing is null)
        {
            await client.CreateAsync(desired, cancellationToken);
            action = "Created";
        }
        else
        {
            // Replace only the spec: the status (conditions, stored versions) belongs to the API server.
            existing.Spec = desired.Spec;
            await client.UpdateAsync(existing, cancellationToken);
            action = "Updated";
        }

        LogInstalled(logger, action, name);

        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var current = await client.GetAsync<V1CustomResourceDefinition>(name, ct: cancellationToken);
            if (IsEstablished(current))
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"CustomResourceDefinition {name} was not Established within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Whether the API server serves the CRD's resource.</summary>
    public static bool IsEstablished(V1CustomResourceDefinition? crd) =>
        crd?.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} CustomResourceDefinition {Name}")]
    private static partial void LogInstalled(ILogger logger, string action, string name);
}
