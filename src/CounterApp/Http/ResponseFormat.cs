namespace VisitCounter.CounterApp.Http;

/// <summary>The representations the app can answer with.</summary>
public enum ResponseFormat
{
    /// <summary><c>text/html</c>: the small page a browser shows.</summary>
    Html,

    /// <summary><c>text/plain</c>: one line, for curl and scripts.</summary>
    PlainText,

    /// <summary><c>application/json</c>: for the operator and other programs.</summary>
    Json,
}
