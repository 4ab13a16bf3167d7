using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Crds.Validation;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Serialization;
using VisitCounter.Operator.Status;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// The VisitCounterApp controller (DESIGN section 6). Level-based: every call reads the world, makes the children
/// match the spec, and writes the status only when it changed, so a second call in a row writes nothing.
/// </summary>
public sealed class VisitCounterAppController(
    IKubernetesClient client,
    IAppEvents events,
    IPodVisitsReader visitsReader,
    OperatorOptions options,
    TimeProvider clock,
    ILogger<VisitCounterAppController> logger) : IEntityController<VisitCounterApp>
{
    private readonly ChildWriter writer = new(client, events);
    private readonly RolloutRecovery rolloutRecovery = new(client, events, logger);

    /// <inheritdoc />
    public async Task<ReconciliationResult<VisitCounterApp>> ReconcileAsync(VisitCounterApp entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var started = clock.GetTimestamp();
        var actions = new ReconcileActions();
        if (entity.Metadata.DeletionTimestamp is not null)
        {
            // The garbage collector removes the children through their owner references; nothing is ours to do.
            LogOutcome(entity, "Terminating", actions, started);
            return ReconciliationResult<VisitCounterApp>.Success(entity);
        }

        // The entity is informer cache state; work on a copy.
        var app = OperatorJson.Clone(entity);
        var resolution = VisitCounterAppSpecResolver.Resolve(app, options.AppImage);
        try
        {
            return resolution.IsValid
                ? await ReconcileValidAsync(app, resolution.Spec, actions, started, cancellationToken)
                : await ReconcileInvalidAsync(app, resolution.Errors, actions, started, cancellationToken);
        }
        catch (ConflictException e)
        {
            // Our copy was older than the server's (often our own previous status write): retry with fresh state.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "Reconcile of {Namespace}/{Name} generation {Generation} met a newer version after {Actions}; retrying: {Error}",
                    app.Metadata.Namespace, app.Metadata.Name, app.Metadata.Generation, actions.ToString(), e.Message);
            }

            return ReconciliationResult<VisitCounterApp>.Failure(entity, e.Message, e);
        }
        catch (KubernetesApiException e)
        {
            await ReportWriteFailureAsync(app, resolution.Spec, e, cancellationToken);
            if (logger.IsEnabled(LogLevel.Error))
            {
                logger.LogError(
                "Reconcile of {Namespace}/{Name} generation {Generation} failed after {Actions} in {DurationMs} ms: {StatusCode} {Error}",
                app.Metadata.Namespace, app.Metadata.Name, app.Metadata.Generation, actions.ToString(), ElapsedMs(started), (int)e.StatusCode, e.Message);
            }

            return ReconciliationResult<VisitCounterApp>.Failure(entity, e.Message, e);
        }
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<VisitCounterApp>> DeletedAsync(VisitCounterApp entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Reconciled {Namespace}/{Name}: deleted, children are garbage collected", entity.Metadata.Namespace, entity.Metadata.Name);
        }

        return Task.FromResult(ReconciliationResult<VisitCounterApp>.Success(entity));
    }

    private async Task<ReconciliationResult<VisitCounterApp>> ReconcileValidAsync(
        VisitCounterApp app, EffectiveSpec spec, ReconcileActions actions, long started, CancellationToken cancellationToken)
    {
        var children = await ReconcileChildrenAsync(app, spec, actions, cancellationToken);
        var inputs = await ObserveAsync(app, spec, children, cancellationToken);
        var recovery = await rolloutRecovery.RunAsync(app, spec, inputs.StatefulSet, inputs.Pods, clock.GetUtcNow(), actions, cancellationToken);
        inputs = inputs with { StuckRollout = recovery.ReportStuck ? recovery.Stuck : null };
        var status = StatusCalculator.Compute(app, spec, inputs, clock.GetUtcNow());
        await WriteStatusAsync(app, status, actions, cancellationToken);
        LogOutcome(app, status.Phase, actions, started);

        var requeue = children.RequeueAfter ?? (spec.Visits.Collect ? spec.Visits.Interval : null);
        if (recovery.RecheckAfter is { } recheck && (requeue is null || recheck < requeue))
        {
            requeue = recheck;
        }

        return ReconciliationResult<VisitCounterApp>.Success(app, requeue);
    }

    private async Task<ChildrenOutcome> ReconcileChildrenAsync(VisitCounterApp app, EffectiveSpec spec, ReconcileActions actions, CancellationToken cancellationToken)
    {
        var desired = DesiredChildren.For(app, spec);
        foreach (var service in new[] { desired.HeadlessService, desired.ClientService })
        {
            var live = await client.GetAsync<V1Service>(service.Metadata.Name!, service.Metadata.Namespace, cancellationToken);
            var (result, problem) = await writer.EnsureAsync(app, service, live, actions, [], cancellationToken);
            if (problem is not null)
            {
                return new ChildrenOutcome(problem, false, null);
            }

            if (result == ChildWriter.Result.Terminating)
            {
                return new ChildrenOutcome(null, false, StatefulSetReconciler.RecreatePollInterval);
            }
        }

        if (await new DisruptionBudgetReconciler(client, events, writer).ReconcileAsync(app, desired.DisruptionBudget, actions, cancellationToken) is { } budgetProblem)
        {
            return new ChildrenOutcome(budgetProblem, false, null);
        }

        return await new StatefulSetReconciler(client, events, writer).ReconcileAsync(app, spec, desired.StatefulSet, actions, cancellationToken);
    }

    private async Task<ReconciliationResult<VisitCounterApp>> ReconcileInvalidAsync(
        VisitCounterApp app, IReadOnlyList<FieldError> errors, ReconcileActions actions, long started, CancellationToken cancellationToken)
    {
        // No child is touched: the last good configuration keeps running while the user fixes the spec.
        var problem = new Problem("InvalidSpec", "The spec is invalid: " + string.Join("; ", errors.Select(e => e.ToString())));
        var inputs = await ObserveAsync(app, null, new ChildrenOutcome(problem, false, null), cancellationToken);
        var status = StatusCalculator.Compute(app, null, inputs, clock.GetUtcNow());
        await WriteStatusAsync(app, status, actions, cancellationToken);
        LogOutcome(app, status.Phase, actions, started);

        // No requeue: retrying cannot fix a spec; the next edit triggers a new reconcile.
        return ReconciliationResult<VisitCounterApp>.Success(app);
    }

    private async Task<StatusInputs> ObserveAsync(VisitCounterApp app, EffectiveSpec? spec, ChildrenOutcome children, CancellationToken cancellationToken)
    {
        var name = app.Metadata.Name!;
        var ns = app.Metadata.Namespace;
        var sts = await client.GetAsync<V1StatefulSet>(ChildNames.StatefulSet(name), ns, cancellationToken);
        if (sts is not null && !Ownership.IsControlledBy(sts.Metadata, app.Metadata.Uid))
        {
            sts = null;
        }

        var pods = await client.ListAllAsync<V1Pod>(ns, new ListOptions { LabelSelector = AppLabels.SelectorString(name) }, cancellationToken);
        var visits = spec is { Visits.Collect: true }
            ? await new VisitsCollector(visitsReader).CollectAsync(pods.Items, spec.Port, cancellationToken)
            : new Dictionary<string, long>(StringComparer.Ordinal);
        return new StatusInputs
        {
            StatefulSet = sts,
            Pods = [.. pods.Items],
            Visits = visits,
            Degraded = children.Degraded,
            StorageResizePending = children.StorageResizePending,
        };
    }

    private async Task WriteStatusAsync(VisitCounterApp app, VisitCounterAppStatus status, ReconcileActions actions, CancellationToken cancellationToken)
    {
        if (StatusEquals(app.Status, status))
        {
            return;
        }

        var previousDegraded = app.Status?.Conditions?.FirstOrDefault(c => c.Type == VisitCounterAppConditionTypes.Degraded);
        var degraded = status.Conditions!.First(c => c.Type == VisitCounterAppConditionTypes.Degraded);
        var previousReplicas = app.Status?.Replicas;

        var update = OperatorJson.Clone(app);
        update.Status = status;
        var written = await client.UpdateStatusAsync(update, cancellationToken);
        app.Metadata.ResourceVersion = written.Metadata.ResourceVersion;
        app.Status = status;
        actions.Add($"status {status.Phase}");

        // One Warning per new problem, not one per reconcile: the event says what changed, the condition what is.
        if (degraded.Status == "True" && (previousDegraded?.Status != "True" || previousDegraded.Message != degraded.Message))
        {
            await events.WarningAsync(app, degraded.Reason ?? "Degraded", degraded.Message ?? string.Empty, cancellationToken);
        }

        if (previousReplicas is { } before && before != status.Replicas)
        {
            await events.NormalAsync(app, "ReplicasChanged", $"{status.Replicas} pod(s) exist now (were {before})", cancellationToken);
        }
    }

    private async Task ReportWriteFailureAsync(VisitCounterApp app, EffectiveSpec? spec, KubernetesApiException error, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var problem = new Problem("ChildWriteFailed", $"A write to the API server failed: {error.Message}");
            var inputs = new StatusInputs { StatefulSet = null, Degraded = problem };
            var status = StatusCalculator.Compute(app, spec, inputs, clock.GetUtcNow());

            // The API is misbehaving, so nothing new was observed: keep the last known counts rather than zeros.
            if (app.Status is { } previous)
            {
                status.Replicas = previous.Replicas;
                status.ReadyReplicas = previous.ReadyReplicas;
                status.UpdatedReplicas = previous.UpdatedReplicas;
                status.CurrentRevision = previous.CurrentRevision;
                status.UpdateRevision = previous.UpdateRevision;
                status.Visits = previous.Visits;
                status.Pods = previous.Pods;
            }

            await WriteStatusAsync(app, status, new ReconcileActions(), cancellationToken);
        }
        catch (KubernetesApiException e)
        {
            logger.LogWarning("Could not record the failure in the status of {Namespace}/{Name}: {Error}", app.Metadata.Namespace, app.Metadata.Name, e.Message);
        }
    }

    private static bool StatusEquals(VisitCounterAppStatus? live, VisitCounterAppStatus computed) =>
        live is not null && JsonNode.DeepEquals(OperatorJson.ToNode(live), OperatorJson.ToNode(computed));

    private void LogOutcome(VisitCounterApp app, string? phase, ReconcileActions actions, long started)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var summary = actions.ToString();
        var durationMs = ElapsedMs(started);
        logger.LogInformation(
            "Reconciled {Namespace}/{Name} generation {Generation}: phase {Phase}, actions {Actions}, {DurationMs} ms",
            app.Metadata.Namespace, app.Metadata.Name, app.Metadata.Generation, phase, summary, durationMs);
    }

    private long ElapsedMs(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;
}
