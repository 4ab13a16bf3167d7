using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

public sealed class ObjectNameValidationTests
{
    private static IReadOnlyList<FieldError> Validate(string resource, string metadata) =>
        ObjectNameValidation.Validate(resource, TestFiles.Json($$"""{"metadata":{{metadata}}}"""));

    [Theory]
    [InlineData("visitcounterapps", "web")]
    [InlineData("pods", "web-0.web-headless")]
    [InlineData("services", "web-headless")]
    [InlineData("namespaces", "team-b")]
    public void Accepts_valid_names(string resource, string name)
    {
        Assert.Empty(Validate(resource, """{"name":"NAME","labels":{"app.kubernetes.io/name":"visit-counter","empty":""}}""".Replace("NAME", name, StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_name_is_required()
    {
        Assert.Equal(new FieldError("FieldValueRequired", "metadata.name", "Required value: name or generateName is required"), Assert.Single(Validate("pods", "{}")));
    }

    [Fact]
    public void Subdomain_names_get_the_real_message()
    {
        var error = Assert.Single(Validate("pods", """{"name":"Web_0"}"""));

        Assert.Equal(
            "Invalid value: \"Web_0\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            error.Message);
    }

    [Fact]
    public void Service_names_must_be_dns_1035_labels()
    {
        var error = Assert.Single(Validate("services", """{"name":"1web"}"""));

        Assert.Equal(
            "Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            error.Message);
    }

    [Fact]
    public void Namespace_names_must_be_short_labels()
    {
        var errors = Validate("namespaces", $$"""{"name":"{{new string('a', 64)}}.b"}""");

        Assert.Equal(2, errors.Count);
        Assert.EndsWith("must be no more than 63 characters", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("a lowercase RFC 1123 label must consist of", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_label_keys_and_values_are_reported_on_metadata_labels()
    {
        var errors = Validate("pods", """{"name":"p","labels":{"bad key":"ok","k":"-bad"}}""");

        Assert.All(errors, e => Assert.Equal("metadata.labels", e.Field));
        Assert.Contains(errors, e => e.Message.StartsWith("Invalid value: \"bad key\": name part must consist of alphanumeric characters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Owner_references_need_identity_and_at_most_one_controller()
    {
        var errors = Validate("pods", """{"name":"p","ownerReferences":[{"apiVersion":"v1","kind":"K","name":"a","uid":"1","controller":true},{"apiVersion":"v1","kind":"K","name":"b","controller":true}]}""");

        Assert.Contains(new FieldError("FieldValueInvalid", "metadata.ownerReferences.uid", "Invalid value: \"\": uid must not be empty"), errors);
        Assert.Contains(errors, e => e.Field == "metadata.ownerReferences" && e.Message.EndsWith("Only one reference can have Controller set to true", StringComparison.Ordinal));
    }
}
