using System.Text.Json.Nodes;

namespace VisitCounter.Kube.Tests.TestServers;

/// <summary>Where an object lives: group-version, resource, namespace, name.</summary>
public sealed record ObjectKey(string GroupVersion, string Plural, string? Namespace, string Name);

/// <summary>One change, as a watch would report it.</summary>
public sealed record StoredEvent(long ResourceVersion, string Type, ObjectKey Key, JsonObject Object);
