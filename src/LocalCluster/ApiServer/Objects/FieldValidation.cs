namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>The <c>fieldValidation</c> directive: what to do with fields the schema does not know.</summary>
public enum FieldValidation
{
    /// <summary>Reject the request with 400 BadRequest naming the fields.</summary>
    Strict,
    /// <summary>Drop the fields and answer a <c>Warning</c> header per field (the server default).</summary>
    Warn,
    /// <summary>Drop the fields silently.</summary>
    Ignore,
}
