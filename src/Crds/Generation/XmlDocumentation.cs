using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace VisitCounter.Crds.Generation;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of types and properties from the XML documentation files the compiler writes
/// next to each assembly, so the CRD's schema descriptions are the same sentences as the C# docs.
/// </summary>
public sealed partial class XmlDocumentation
{
    private readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> _byAssembly = new();
    private readonly Func<Assembly, string?> _locateFile;

    /// <summary>Looks for <c>{AssemblyName}.xml</c> in the application's base directory.</summary>
    public XmlDocumentation()
        : this(DefaultLocation)
    {
    }

    /// <summary>Uses <paramref name="locateFile"/> to find an assembly's documentation file (null: none).</summary>
    public XmlDocumentation(Func<Assembly, string?> locateFile) => _locateFile = locateFile;

    /// <summary>Whether a documentation file was found for <paramref name="assembly"/>.</summary>
    public bool HasDocumentation(Assembly assembly) => Members(assembly).Count > 0;

    /// <summary>The summary of a type, or null.</summary>
    public string? Summary(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Members(type.Assembly).GetValueOrDefault("T:" + MemberName(type));
    }

    /// <summary>The summary of a property, or null.</summary>
    public string? Summary(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var declaring = property.DeclaringType!;
        return Members(declaring.Assembly).GetValueOrDefault($"P:{MemberName(declaring)}.{property.Name}");
    }

    /// <summary>Turns the inner XML of a summary into one line of plain text (<c>&lt;c&gt;x&lt;/c&gt;</c> becomes x, a cref its last name).</summary>
    public static string ToPlainText(XElement summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            AppendPlainText(node, text);
        }

        return WhitespaceRegex().Replace(text.ToString(), " ").Trim();
    }

    private static void AppendPlainText(XNode node, StringBuilder text)
    {
        switch (node)
        {
            case XText t:
                text.Append(t.Value);
                break;
            case XElement { Name.LocalName: "see" or "seealso" } e when e.Attribute("cref") is { } cref:
                text.Append(e.IsEmpty ? ShortName(cref.Value) : e.Value);
                break;
            case XElement { Name.LocalName: "see" } e when e.Attribute("langword") is { } word:
                text.Append(word.Value);
                break;
            case XElement { Name.LocalName: "paramref" or "typeparamref" } e:
                text.Append(e.Attribute("name")?.Value);
                break;
            case XElement e:
                foreach (var child in e.Nodes())
                {
                    AppendPlainText(child, text);
                }

                break;
        }
    }

    // "P:VisitCounter.Crds.V1Alpha1.VisitCounterAppSpec.Replicas" -> "Replicas"; generic arity and arguments dropped.
    private static string ShortName(string cref)
    {
        var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        name = name[(name.LastIndexOf('.') + 1)..];
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? name[..tick] : name;
    }

    private static string MemberName(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return (definition.FullName ?? definition.Name).Replace('+', '.');
    }

    private IReadOnlyDictionary<string, string> Members(Assembly assembly)
        => _byAssembly.GetOrAdd(assembly, a => Load(_locateFile(a)));

    private static Dictionary<string, string> Load(string? path)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path))
        {
            return members;
        }

        var document = XDocument.Load(path);
        foreach (var member in document.Descendants("member"))
        {
            if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
            {
                members[name] = ToPlainText(summary);
            }
        }

        return members;
    }

    // Assembly.Location is empty in single-file and Native AOT apps; the build copies each referenced
    // project's documentation file into the output directory, so the base directory is the reliable place.
    private static string? DefaultLocation(Assembly assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        return File.Exists(path) ? path : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
