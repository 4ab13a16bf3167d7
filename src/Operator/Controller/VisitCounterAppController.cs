using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Crds.Validation;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Drift;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Serialization;
using VisitCounter.Operator.Status;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// The VisitCounterApp controller (DESIGN section 6). Level-based: every call looks at the world through the informer
/// caches, applies the children whose owned fields differ from the spec, and writes the status only when it changed,
/// so a second call in a row sends nothing. Per-pod visits are read on their own cadence (<see cref="VisitsSchedule"/>),
/// and API failures are sorted by who can fix them (<see cref="ApiErrorClassifier"/>): transient ones are retried
/// without touching the conditions.
/// </summary>
public sealed class VisitCounterAppController(
    IKubernetesClient client,
    IAppEvents events,
    IPodVisitsReader visitsReader,
    ChildCaches caches,
    VisitsSchedule visits,
    OperatorOptions options,
    TimeProvider clock,
    ILogger<VisitCounterAppController> logger) : IEntityController<VisitCounterApp>
{
    private readonly ChildApplier applier = new(client, events);
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
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && ApiErrorClassifier.Classify(e) is { } kind)
        {
            var meta = app.Metadata;
            if (kind is ApiErrorKind.NeedsPerson person)
            {
                ControllerLog.NeedsPerson(logger, meta.Namespace, meta.Name, meta.Generation, actions, person.Problem.Reason, person.Problem.Message);
                await ReportProblemAsync(app, resolution.Spec, person.Problem, cancellationToken);
                return ReconciliationResult<VisitCounterApp>.Failure(entity, person.Problem.Message, e);
            }

            // Nothing for a person to do: no condition changes, no event; the queue retries (after Retry-After if given).
            var transient = (ApiErrorKind.Transient)kind;
            ControllerLog.Transient(logger, meta.Namespace, meta.Name, meta.Generation, actions, transient.Summary);
            return ReconciliationResult<VisitCounterApp>.Retry(entity, transient.Summary, e, transient.RetryAfter);
        }
    }

    /// <inheritdoc />
    public Task<ReconciliationResult<VisitCounterApp>> DeletedAsync(VisitCounterApp entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Metadata.Uid is { } uid)
        {
            visits.Forget(uid);
        }

        ControllerLog.Deleted(logger, entity.Metadata.Namespace, entity.Metadata.Name);
        return Task.FromResult(ReconciliationResult<VisitCounterApp>.Success(entity));
    }

    private async Task<ReconciliationResult<VisitCounterApp>> ReconcileValidAsync(
        VisitCounterApp app, EffectiveSpec spec, ReconcileActions actions, long started, CancellationToken cancellationToken)
    {
        var known = DroppedFields.Known(app);
        var children = await ReconcileChildrenAsync(app, spec, known, actions, cancellationToken);
        var statefulSet = children.UpdatedStatefulSet ?? OwnedStatefulSet(app);
        var pods = PodsOf(app);
        var recovery = await rolloutRecovery.RunAsync(app, spec, statefulSet, pods, clock.GetUtcNow(), actions, cancellationToken);
        var (reading, nextReading) = await ReadVisitsAsync(app, spec, pods, cancellationToken);
        var inputs = new StatusInputs
        {
            StatefulSet = statefulSet,
            Pods = pods,
            Visits = reading,
            Degraded = children.Degraded,
            StorageResizePending = children.StorageResizePending,
            DroppedFields = DroppedFields.Merge(known, children.Dropped),
            StuckRollout = recovery.ReportStuck ? recovery.Stuck : null,
        };
        var status = StatusCalculator.Compute(app, spec, inputs, clock.GetUtcNow());
        await WriteStatusAsync(app, status, actions, cancellationToken);
        LogOutcome(app, status.Phase, actions, started);

        var requeue = Earliest(Earliest(children.RequeueAfter, nextReading), recovery.RecheckAfter);
        return ReconciliationResult<VisitCounterApp>.Success(app, requeue);
    }

    private async Task<ChildrenOutcome> ReconcileChildrenAsync(
        VisitCounterApp app, EffectiveSpec spec, IReadOnlyList<DroppedFieldStatus> known, ReconcileActions actions, CancellationToken cancellationToken)
    {
        var desired = DesiredChildren.For(app, spec);

        // Services first, so pod DNS works from the first pod on; the budget (when asked for) before the pods it
        // protects; the StatefulSet has its own re-creation rules.
        List<DesiredChild> simple =
        [
            new DesiredChild<V1Service>(desired.HeadlessService, caches.Services),
            new DesiredChild<V1Service>(desired.ClientService, caches.Services),
        ];
        if (desired.DisruptionBudget is { } budget)
        {
            simple.Add(new DesiredChild<V1PodDisruptionBudget>(budget, caches.DisruptionBudgets));
        }

        var dropped = new List<DroppedFieldStatus>();
        foreach (var child in simple)
        {
            var outcome = await child.ApplyAsync(applier, app, known, actions, cancellationToken);
            dropped.AddRange(outcome.Dropped);
            if (outcome.Problem is not null)
            {
                return new ChildrenOutcome(outcome.Problem, false, null, dropped);
            }

            if (outcome.Result == ApplyResult.Terminating)
            {
                return new ChildrenOutcome(null, false, StatefulSetReconciler.RecreatePollInterval, dropped);
            }
        }

        if (desired.DisruptionBudget is null)
        {
            await new DisruptionBudgetRemover(client, events, caches.DisruptionBudgets).RemoveAsync(app, actions, cancellationToken);
        }

        var statefulSet = await new StatefulSetReconciler(client, events, applier, caches)
            .ReconcileAsync(app, spec, desired.StatefulSet, DroppedFields.PathsOf(known, "StatefulSet"), actions, cancellationToken);
        return statefulSet with { Dropped = [.. dropped, .. statefulSet.Dropped] };
    }

    private async Task<ReconciliationResult<VisitCounterApp>> ReconcileInvalidAsync(
        VisitCounterApp app, IReadOnlyList<FieldError> errors, ReconcileActions actions, long started, CancellationToken cancellationToken)
    {
        // No child is touched: the last good configuration keeps running while the user fixes the spec.
        var problem = new Problem("InvalidSpec", "The spec is invalid: " + string.Join("; ", errors.Select(e => e.ToString())));
        var inputs = new StatusInputs { StatefulSet = OwnedStatefulSet(app), Pods = PodsOf(app), Degraded = problem };
        var status = StatusCalculator.Compute(app, null, inputs, clock.GetUtcNow());
        await WriteStatusAsync(app, status, actions, cancellationToken);
        LogOutcome(app, status.Phase, actions, started);

        // No requeue: retrying cannot fix a spec; the next edit triggers a new reconcile.
        return ReconciliationResult<VisitCounterApp>.Success(app);
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? (x < y ? x : y) : a ?? b;

    private V1StatefulSet? OwnedStatefulSet(VisitCounterApp app)
    {
        var sts = caches.StatefulSets.Get(ChildNames.StatefulSet(app.Metadata.Name!), app.Metadata.Namespace);
        return sts is not null && Ownership.IsControlledBy(sts.Metadata, app.Metadata.Uid) ? sts : null;
    }

    private IReadOnlyList<V1Pod> PodsOf(VisitCounterApp app) =>
        caches.Pods.List(app.Metadata.Namespace, AppLabels.SelectorString(app.Metadata.Name!));

    /// <summary>The visits to show and when the next reading is due: the pods are asked only when the last reading is an interval old.</summary>
    private async Task<(IReadOnlyDictionary<string, long> Visits, TimeSpan? NextReading)> ReadVisitsAsync(
        VisitCounterApp app, EffectiveSpec spec, IReadOnlyList<V1Pod> pods, CancellationToken cancellationToken)
    {
        if (!spec.Visits.Collect || app.Metadata.Uid is not { } uid)
        {
            return (new Dictionary<string, long>(StringComparer.Ordinal), null);
        }

        var interval = spec.Visits.Interval;
        var reading = visits.Last(uid);
        if (VisitsSchedule.IsDue(reading, interval, clock.GetUtcNow()))
        {
            var counts = await new VisitsCollector(visitsReader).CollectAsync(pods, spec.Port, cancellationToken);
            reading = new VisitsReading(clock.GetUtcNow(), VisitsCarryOver.Merge(counts, pods, reading?.Visits ?? LastShown(app)));
            visits.Record(uid, reading);
        }

        return (reading!.Visits, VisitsSchedule.UntilNext(reading, interval, clock.GetUtcNow()));
    }

    /// <summary>The per-pod counts the status shows (what a restarted operator last wrote).</summary>
    private static Dictionary<string, long> LastShown(VisitCounterApp app) =>
        (app.Status?.Pods ?? []).Where(p => p.Visits.HasValue).ToDictionary(p => p.Name, p => p.Visits!.Value, StringComparer.Ordinal);

    private async Task WriteStatusAsync(VisitCounterApp app, VisitCounterAppStatus status, ReconcileActions actions, CancellationToken cancellationToken)
    {
        if (StatusEquals(app.Status, status))
        {
            return;
        }

        var previous = app.Status;
        var previousDegraded = previous?.Conditions?.FirstOrDefault(c => c.Type == VisitCounterAppConditionTypes.Degraded);
        var degraded = status.Conditions!.First(c => c.Type == VisitCounterAppConditionTypes.Degraded);

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

        if (status.DroppedFields is { Count: > 0 } dropped && DroppedFields.HasNew(previous?.DroppedFields, dropped))
        {
            await events.WarningAsync(app, "FieldsDropped", DroppedFields.Message([.. dropped]), cancellationToken);
        }

        if (previous?.Replicas is { } before && before != status.Replicas)
        {
            await events.NormalAsync(app, "ReplicasChanged", $"{status.Replicas} pod(s) exist now (were {before})", cancellationToken);
        }
    }

    /// <summary>Records a problem a person must fix in the Degraded condition, keeping the last known counts.</summary>
    private async Task ReportProblemAsync(VisitCounterApp app, EffectiveSpec? spec, Problem problem, CancellationToken cancellationToken)
    {
        try
        {
            var inputs = new StatusInputs
            {
                StatefulSet = OwnedStatefulSet(app),
                Pods = PodsOf(app),
                Visits = app.Metadata.Uid is { } uid && visits.Last(uid) is { } reading ? reading.Visits : new Dictionary<string, long>(StringComparer.Ordinal),
                Degraded = problem,
                DroppedFields = DroppedFields.Known(app),
            };
            await WriteStatusAsync(app, StatusCalculator.Compute(app, spec, inputs, clock.GetUtcNow()), new ReconcileActions(), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && ApiErrorClassifier.Classify(e) is not null)
        {
            ControllerLog.StatusNotRecorded(logger, app.Metadata.Namespace, app.Metadata.Name, e.Message);
        }
    }

    private static bool StatusEquals(VisitCounterAppStatus? live, VisitCounterAppStatus computed) =>
        live is not null && JsonNode.DeepEquals(OperatorJson.ToNode(live), OperatorJson.ToNode(computed));

    private void LogOutcome(VisitCounterApp app, string? phase, ReconcileActions actions, long started)
    {
        var meta = app.Metadata;
        var durationMs = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        if (actions.All.Count == 0)
        {
            ControllerLog.Unchanged(logger, meta.Namespace, meta.Name, meta.Generation, phase, durationMs);
        }
        else
        {
            ControllerLog.Reconciled(logger, meta.Namespace, meta.Name, meta.Generation, phase, actions, durationMs);
        }
    }
}
