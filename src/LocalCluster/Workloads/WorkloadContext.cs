using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Objects;

namespace VisitCounter.LocalCluster.Workloads;

/// <summary>What every workload controller shares: the store, the data directory, the clock and logging.</summary>
internal sealed record WorkloadContext(IObjectStore Store, string DataDirectory, TimeProvider Time, ILoggerFactory LoggerFactory);
