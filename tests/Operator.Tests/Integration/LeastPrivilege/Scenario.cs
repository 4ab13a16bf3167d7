namespace VisitCounter.Operator.Tests.Integration.LeastPrivilege;

/// <summary>What the user does to the app in a least-privilege case, each chosen to make the operator use one verb.</summary>
public enum Scenario
{
    /// <summary>Create an app: informers, leader election, children looked up and applied, status, events.</summary>
    CreateApp,

    /// <summary>Create an app with spec.disruptionBudget: the budget is looked up and applied.</summary>
    DisruptionBudget,

    /// <summary>Create an app with a budget, then remove spec.disruptionBudget: the budget is deleted.</summary>
    DisruptionBudgetRemoved,

    /// <summary>Grow spec.storage.size of an app on the default class: the class list, the app annotated, claims patched, the StatefulSet deleted.</summary>
    StorageResize,

    /// <summary>Grow spec.storage.size of an app naming its class: the class is read by name.</summary>
    StorageResizeNamedClass,

    /// <summary>Change the app's Service behind the operator's back twice the same way: the second repair's event is a repeat (patched).</summary>
    RepeatedDrift,

    /// <summary>Wait for a ready pod: its visits are read through the API server's pod proxy.</summary>
    Visits,

    /// <summary>
    /// Create an app whose StatefulSet's name is taken by an object another controller owns: the server refuses the
    /// apply, and only then is the object read, to name its owner.
    /// </summary>
    StatefulSetOwnedByOther,

    /// <summary>As <see cref="StatefulSetOwnedByOther"/>, for the app's client Service.</summary>
    ServiceOwnedByOther,

    /// <summary>As <see cref="StatefulSetOwnedByOther"/>, for the app's PodDisruptionBudget.</summary>
    BudgetOwnedByOther,
}
