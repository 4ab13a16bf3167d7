using System.Globalization;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Operator.Recovery;

namespace VisitCounter.Operator.Status;

/// <summary>The Progressing=False message of a rollout stuck on a broken pod: what is wrong and what the user can do.</summary>
public static class RolloutStuckMessage
{
    /// <summary>The condition reason.</summary>
    public const string Reason = "RolloutStuck";

    /// <summary>
    /// The message for <paramref name="stuck"/>. It names the timer, not the elapsed time, so the status stays equal
    /// (and unwritten) from one reconcile to the next while nothing changes.
    /// </summary>
    /// <param name="stuck">The pod the rollout waits for.</param>
    /// <param name="recovery">The app's recovery settings; when enabled, the operator already deleted the pod once for this revision.</param>
    public static string For(StuckPod stuck, EffectiveRolloutRecovery recovery)
    {
        ArgumentNullException.ThrowIfNull(stuck);
        ArgumentNullException.ThrowIfNull(recovery);
        var what = string.Create(
            CultureInfo.InvariantCulture,
            $"pod {stuck.Name} on revision {stuck.Revision} has not been ready for more than {recovery.StuckAfterSeconds}s ({stuck.Reason}) while the StatefulSet rolls out revision {stuck.UpdateRevision}; the StatefulSet controller will not replace it on its own.");
        var fix = recovery.Enabled
            ? $" The operator already deleted it once for this revision; check the pod template, then delete the pod by hand (kubectl delete pod {stuck.Name})."
            : $" Fix or revert the pod template if it is broken, then delete the pod (kubectl delete pod {stuck.Name}), or set spec.rolloutRecovery.enabled: true to let the operator do it.";
        return "The rollout is stuck: " + what + fix;
    }
}
