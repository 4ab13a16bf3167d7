using System.Text.RegularExpressions;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// apimachinery's name and label checks (<c>IsDNS1123Subdomain</c>, <c>IsDNS1123Label</c>, <c>IsDNS1035Label</c>,
/// <c>IsQualifiedName</c>, <c>IsValidLabelValue</c>): each returns the list of problems, worded as the real server words them.
/// </summary>
public static partial class NameRules
{
    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";

    /// <summary>A lowercase RFC 1123 subdomain of at most 253 characters (most object names).</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var problems = new List<string>();
        if (value.Length > 253)
        {
            problems.Add("must be no more than 253 characters");
        }

        if (!SubdomainRegex().IsMatch(value))
        {
            problems.Add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + Dns1123SubdomainFormat + "')");
        }

        return problems;
    }

    /// <summary>A lowercase RFC 1123 label of at most 63 characters (namespace names, container names).</summary>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var problems = new List<string>();
        if (value.Length > 63)
        {
            problems.Add("must be no more than 63 characters");
        }

        if (!LabelRegex().IsMatch(value))
        {
            problems.Add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + Dns1123LabelFormat + "')");
        }

        return problems;
    }

    /// <summary>A DNS-1035 label of at most 63 characters (Service names: they become DNS names and must not start with a digit).</summary>
    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var problems = new List<string>();
        if (value.Length > 63)
        {
            problems.Add("must be no more than 63 characters");
        }

        if (!Dns1035Regex().IsMatch(value))
        {
            problems.Add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + Dns1035LabelFormat + "')");
        }

        return problems;
    }

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var problems = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    problems.Add("prefix part must be non-empty");
                }
                else
                {
                    problems.AddRange(Dns1123Subdomain(parts[0]).Select(p => "prefix part " + p));
                }

                break;
            default:
                return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            problems.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            problems.Add("name part must be no more than 63 characters");
        }

        if (name.Length > 0 && !QualifiedNameRegex().IsMatch(name))
        {
            problems.Add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')");
        }

        return problems;
    }

    /// <summary>A label value: empty, or at most 63 characters of the qualified-name alphabet.</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        var problems = new List<string>();
        if (value.Length > 63)
        {
            problems.Add("must be no more than 63 characters");
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            problems.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LabelValueFormat + "')");
        }

        return problems;
    }

    /// <summary>An IANA service name, the form of named ports (<c>http</c>): at most 15 characters, lower case, a letter, no <c>--</c>.</summary>
    public static IReadOnlyList<string> PortName(string value)
    {
        var problems = new List<string>();
        if (value.Length > 15)
        {
            problems.Add("must be no more than 15 characters");
        }

        if (!value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            problems.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!value.Any(c => c is >= 'a' and <= 'z'))
        {
            problems.Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            problems.Add("must not contain consecutive hyphens");
        }

        if (value.StartsWith('-') || value.EndsWith('-'))
        {
            problems.Add("must not begin or end with a hyphen");
        }

        return problems;
    }

    /// <summary>An environment variable name under 1.32's relaxed rule (on by default): printable ASCII except <c>=</c>.</summary>
    public static IReadOnlyList<string> EnvVarName(string value) =>
        value.All(c => c is >= ' ' and <= '~' and not '=')
            ? []
            : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^" + Dns1123LabelFormat + "$")]
    private static partial Regex LabelRegex();

    [GeneratedRegex("^" + Dns1035LabelFormat + "$")]
    private static partial Regex Dns1035Regex();

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFormat + "$")]
    private static partial Regex LabelValueRegex();
}
