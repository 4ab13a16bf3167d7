using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.AdmissionControl;

/// <summary>The operation being admitted (admissionv1's operations that mutate).</summary>
public enum AdmissionOperation
{
    /// <summary>POST, or a server-side apply that creates the object.</summary>
    Create,
    /// <summary>PUT or PATCH (server-side apply included) of an existing object.</summary>
    Update,
}

/// <summary>What a mutating admission step sees (admissionv1.AdmissionRequest's fields that matter here).</summary>
/// <param name="Resource">Group, version and resource, e.g. apps/v1 statefulsets.</param>
/// <param name="Kind">The object's kind, e.g. <c>StatefulSet</c>.</param>
/// <param name="Subresource">"status", "scale", or null for the object itself.</param>
/// <param name="Operation">Create or update.</param>
/// <param name="Object">The object to be stored; change it in place to mutate.</param>
/// <param name="OldObject">The stored object on update (do not change it); null on create.</param>
public sealed record AdmissionRequest(
    ResourceRef Resource,
    string Kind,
    string? Subresource,
    AdmissionOperation Operation,
    JsonObject Object,
    JsonObject? OldObject);
