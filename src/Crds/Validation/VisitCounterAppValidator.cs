using System.Globalization;
using System.Text.RegularExpressions;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Validation;

/// <summary>
/// Checks a VisitCounterApp spec and returns every problem at once, each naming its field and the fix,
/// so a user can correct a manifest in one round trip. Pure: no I/O, no exceptions for bad input.
/// </summary>
public static partial class VisitCounterAppValidator
{
    public const int MaxReplicas = 1000;
    public const int MinNodePort = 30000;
    public const int MaxNodePort = 32767;

    /// <summary>Environment variables the operator sets itself; a user value would silently fight it.</summary>
    public static IReadOnlyList<string> ReservedEnvNames { get; } = ["POD_NAME", "POD_NAMESPACE", "VISITS_FILE", "PORT"];

    /// <summary>Validates the object's name (it becomes the StatefulSet and Service names) and its spec.</summary>
    public static IReadOnlyList<FieldError> Validate(VisitCounterApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var name = app.Metadata?.Name;
        var errors = new List<FieldError>();
        if (!string.IsNullOrEmpty(name) && (name.Length > VisitCounterApp.MaxNameLength || !DnsLabelRegex().IsMatch(name)))
        {
            errors.Add(new FieldError(
                "metadata.name",
                string.Create(CultureInfo.InvariantCulture, $"\"{name}\" must be a lowercase DNS label of at most {VisitCounterApp.MaxNameLength} characters (letters, digits and '-', starting with a letter), e.g. web; it names the StatefulSet, its pods and Services")));
        }

        errors.AddRange(Validate(app.Spec));
        return errors;
    }

    /// <summary>Validates <paramref name="spec"/>; an empty list means valid. A null spec is valid (everything defaults).</summary>
    public static IReadOnlyList<FieldError> Validate(VisitCounterAppSpec? spec)
    {
        var errors = new FieldErrorList();
        if (spec is null)
        {
            return errors.Errors;
        }

        errors.InRange("spec.replicas", spec.Replicas, 0, MaxReplicas);
        ValidateImage(spec.Image, errors);
        errors.OneOf("spec.imagePullPolicy", spec.ImagePullPolicy, ImagePullPolicies.All);
        errors.InRange("spec.port", spec.Port, 1, 65535);
        errors.OneOf("spec.podManagementPolicy", spec.PodManagementPolicy, PodManagementPolicies.All);
        ValidateUpdateStrategy(spec.UpdateStrategy, errors);
        errors.AtLeast("spec.minReadySeconds", spec.MinReadySeconds, 0);
        ValidateStorage(spec.Storage, errors);
        ValidateService(spec.Service, errors);
        ValidateResources(spec.Resources, errors);
        ValidateEnv(spec.Env, errors);
        ValidateProbe("spec.probes.liveness", spec.Probes?.Liveness, errors);
        ValidateProbe("spec.probes.readiness", spec.Probes?.Readiness, errors);
        errors.AtLeast("spec.visits.intervalSeconds", spec.Visits?.IntervalSeconds, 1);
        errors.AtLeast("spec.rolloutRecovery.stuckAfterSeconds", spec.RolloutRecovery?.StuckAfterSeconds, RolloutRecoveryLimits.MinStuckAfterSeconds);
        ValidateDisruptionBudget(spec.DisruptionBudget, errors);
        return errors.Errors;
    }

    private static void ValidateImage(string? image, FieldErrorList errors)
    {
        if (image is not null && image.Any(char.IsWhiteSpace))
        {
            errors.Add("spec.image", $"\"{image}\" must not contain whitespace; use an image reference such as registry.example.com/counter-app:1.0, or leave it empty for the bundled image");
        }
    }

    private static void ValidateUpdateStrategy(UpdateStrategySpec? strategy, FieldErrorList errors)
    {
        if (strategy is null)
        {
            return;
        }

        errors.OneOf("spec.updateStrategy.type", strategy.Type, UpdateStrategyTypes.All);
        var isOnDelete = strategy.Type == UpdateStrategyTypes.OnDelete;
        if (strategy.Partition is { } partition)
        {
            if (isOnDelete)
            {
                errors.Add("spec.updateStrategy.partition", "is only allowed with type RollingUpdate; remove it or set spec.updateStrategy.type to RollingUpdate");
            }
            else
            {
                errors.AtLeast("spec.updateStrategy.partition", partition, 0);
            }
        }

        if (strategy.MaxUnavailable is { } maxUnavailable)
        {
            if (isOnDelete)
            {
                errors.Add("spec.updateStrategy.maxUnavailable", "is only allowed with type RollingUpdate; remove it or set spec.updateStrategy.type to RollingUpdate");
            }
            else
            {
                ValidateMaxUnavailable(maxUnavailable, errors);
            }
        }
    }

    private static void ValidateMaxUnavailable(IntOrString value, FieldErrorList errors) =>
        ValidateCountOrPercent("spec.updateStrategy.maxUnavailable", value, minimum: 1, errors);

    private static void ValidateDisruptionBudget(DisruptionBudgetSpec? budget, FieldErrorList errors)
    {
        if (budget is null)
        {
            return;
        }

        if (budget.MaxUnavailable is not null && budget.MinAvailable is not null)
        {
            errors.Add("spec.disruptionBudget", "sets both maxUnavailable and minAvailable; keep exactly one of them, e.g. maxUnavailable: 1");
        }
        else if (budget.MaxUnavailable is null && budget.MinAvailable is null)
        {
            errors.Add("spec.disruptionBudget", "sets neither maxUnavailable nor minAvailable; set exactly one, e.g. maxUnavailable: 1, or remove spec.disruptionBudget");
        }

        // Zero is allowed, as in a PodDisruptionBudget: maxUnavailable 0 blocks every voluntary eviction.
        if (budget.MaxUnavailable is { } maxUnavailable)
        {
            ValidateCountOrPercent("spec.disruptionBudget.maxUnavailable", maxUnavailable, minimum: 0, errors);
        }

        if (budget.MinAvailable is { } minAvailable)
        {
            ValidateCountOrPercent("spec.disruptionBudget.minAvailable", minAvailable, minimum: 0, errors);
        }
    }

    private static void ValidateCountOrPercent(string field, IntOrString value, int minimum, FieldErrorList errors)
    {
        if (value.IntValue is { } count)
        {
            errors.AtLeast(field, count, minimum);
            return;
        }

        var text = value.StringValue ?? string.Empty;
        var match = PercentRegex().Match(text);
        if (!match.Success)
        {
            errors.Add(field, $"\"{text}\" is neither a number nor a percentage; use e.g. 1 or 25%");
            return;
        }

        var percent = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        if (percent < minimum || percent > 100)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"\"{text}\" is out of range; use a percentage from {minimum}% to 100%"));
        }
    }

    private static void ValidateStorage(StorageSpec? storage, FieldErrorList errors)
    {
        if (storage is null)
        {
            return;
        }

        ValidateStorageSize(storage.Size, errors);
        if (!string.IsNullOrEmpty(storage.StorageClassName) && !IsDnsSubdomain(storage.StorageClassName))
        {
            errors.Add("spec.storage.storageClassName", $"\"{storage.StorageClassName}\" is not a valid storage class name; use lowercase letters, digits, '-' and '.', e.g. standard or fast-ssd, or leave it empty for the cluster default");
        }

        if (storage.AccessModes is { } modes)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < modes.Count; i++)
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"spec.storage.accessModes[{i}]");
                if (string.IsNullOrEmpty(modes[i]))
                {
                    errors.Add(field, $"must not be empty; use one of {string.Join(", ", AccessModes.All)}");
                }
                else if (!seen.Add(modes[i]))
                {
                    errors.Add(field, $"\"{modes[i]}\" is listed twice; list each access mode once");
                }
                else
                {
                    errors.OneOf(field, modes[i], AccessModes.All);
                }
            }
        }

        errors.OneOf("spec.storage.whenDeleted", storage.WhenDeleted, RetentionPolicies.All);
        errors.OneOf("spec.storage.whenScaled", storage.WhenScaled, RetentionPolicies.All);
    }

    private static void ValidateStorageSize(string? size, FieldErrorList errors)
    {
        const string field = "spec.storage.size";
        if (size is null)
        {
            return;
        }

        var text = size;
        if (!ResourceQuantity.TryParse(text, out var quantity) || !QuantityRegex().IsMatch(text))
        {
            errors.Add(field, $"\"{text}\" is not a valid quantity (use e.g. 1Gi, 500Mi)");
        }
        else if (quantity.Value <= 0)
        {
            errors.Add(field, $"\"{text}\" must be greater than zero (use e.g. 1Gi, 500Mi)");
        }
        else if (quantity.Value != decimal.Truncate(quantity.Value))
        {
            errors.Add(field, $"\"{text}\" is not a whole number of bytes (use e.g. 1Gi, 500Mi)");
        }
    }

    private static void ValidateService(ServiceSpec? service, FieldErrorList errors)
    {
        if (service is null)
        {
            return;
        }

        errors.OneOf("spec.service.type", service.Type, ServiceTypes.All);
        errors.InRange("spec.service.port", service.Port, 1, 65535);
        if (service.NodePort is { } nodePort)
        {
            if (string.IsNullOrEmpty(service.Type) || service.Type == ServiceTypes.ClusterIP)
            {
                errors.Add("spec.service.nodePort", "is only allowed with type NodePort or LoadBalancer; remove it or set spec.service.type to NodePort");
            }
            else
            {
                errors.InRange("spec.service.nodePort", nodePort, MinNodePort, MaxNodePort);
            }
        }
    }

    private static void ValidateResources(V1ResourceRequirements? resources, FieldErrorList errors)
    {
        if (resources is null)
        {
            return;
        }

        ValidateQuantities("spec.resources.requests", resources.Requests, errors);
        ValidateQuantities("spec.resources.limits", resources.Limits, errors);
        if (resources.Requests is null || resources.Limits is null)
        {
            return;
        }

        foreach (var (name, request) in resources.Requests.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (resources.Limits.TryGetValue(name, out var limit) && request > limit)
            {
                errors.Add($"spec.resources.requests.{name}", $"{request} is greater than the limit {limit}; lower the request or raise spec.resources.limits.{name}");
            }
        }
    }

    private static void ValidateQuantities(string field, IDictionary<string, ResourceQuantity>? quantities, FieldErrorList errors)
    {
        foreach (var (name, quantity) in (quantities ?? new Dictionary<string, ResourceQuantity>()).OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (!IsResourceName(name))
            {
                errors.Add($"{field}.{name}", $"\"{name}\" is not a resource name; use cpu, memory, ephemeral-storage or an extended resource such as example.com/gpu");
            }
            else if (quantity is null || quantity.Value < 0)
            {
                errors.Add($"{field}.{name}", $"\"{quantity}\" must not be negative (use e.g. 100m for cpu, 64Mi for memory)");
            }
        }
    }

    private static void ValidateEnv(IList<EnvVarSpec>? env, FieldErrorList errors)
    {
        if (env is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < env.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"spec.env[{i}].name");
            var name = env[i]?.Name;
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(field, "is required; give the variable a name such as LOG_LEVEL");
            }
            else if (!EnvNameRegex().IsMatch(name))
            {
                errors.Add(field, $"\"{name}\" is not a valid variable name; use letters, digits, '_', '-' and '.', not starting with a digit (e.g. LOG_LEVEL)");
            }
            else if (ReservedEnvNames.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(field, $"\"{name}\" is set by the operator; choose another name");
            }
            else if (!seen.Add(name))
            {
                errors.Add(field, $"\"{name}\" is defined twice; keep one entry");
            }
        }
    }

    private static void ValidateProbe(string field, ProbeSpec? probe, FieldErrorList errors)
    {
        if (probe is null)
        {
            return;
        }

        errors.AtLeast($"{field}.initialDelaySeconds", probe.InitialDelaySeconds, 0);
        errors.AtLeast($"{field}.periodSeconds", probe.PeriodSeconds, 1);
        errors.AtLeast($"{field}.failureThreshold", probe.FailureThreshold, 1);
    }

    private static bool IsDnsSubdomain(string value) => value.Length <= 253 && DnsSubdomainRegex().IsMatch(value);

    private static bool IsResourceName(string name)
        => name is "cpu" or "memory" or "ephemeral-storage"
            || name.StartsWith("hugepages-", StringComparison.Ordinal)
            || QualifiedResourceNameRegex().IsMatch(name);

    [GeneratedRegex(VisitCounterApp.NamePattern)]
    private static partial Regex DnsLabelRegex();

    [GeneratedRegex(@"^([0-9]+)%$")]
    private static partial Regex PercentRegex();

    [GeneratedRegex(QuantityPattern.Regex)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvNameRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomainRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedResourceNameRegex();
}
