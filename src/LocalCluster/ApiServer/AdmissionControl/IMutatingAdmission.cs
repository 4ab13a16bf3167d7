namespace VisitCounter.LocalCluster.ApiServer.AdmissionControl;

/// <summary>
/// A mutating admission step, as a mutating webhook or policy engine is to a real cluster: it may change the object of a
/// create or update (patch and server-side apply included) after decoding and the field manager, before the
/// strategy, defaulting and validation. What it adds is owned by no field manager, so a later server-side apply
/// neither removes it nor conflicts with it. It must be idempotent: it runs again on every write.
/// </summary>
public interface IMutatingAdmission
{
    /// <summary>Changes <see cref="AdmissionRequest.Object"/> in place, or leaves it alone. An <c>ApiException</c> denies the request.</summary>
    void Admit(AdmissionRequest request);
}
