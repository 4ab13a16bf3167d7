using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

/// <summary>Bad input gets field errors, never an exception from the validators or the ownership bookkeeping.</summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string> Objects => new()
    {
        """{"metadata":"m","spec":"s"}""",
        """{"metadata":{"name":5,"labels":[1],"ownerReferences":"x"},"spec":{"template":5,"selector":"a","ports":"p","resources":[],"accessModes":"RWO","volumeClaimTemplates":[1,"x"]}}""",
        """{"metadata":{"name":"x"},"spec":{"template":{"metadata":{"labels":"l"},"spec":{"containers":[1,{"ports":[2,{"containerPort":"80"}]}]}},"selector":{"matchLabels":[]}}}""",
        """{"metadata":{"name":"x"},"spec":{"ports":[{"port":"eighty","nodePort":"n","targetPort":{}}],"resources":{"requests":{"storage":5}},"leaseDurationSeconds":"x"}}""",
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Builtin_validation_reports_instead_of_throwing(string json)
    {
        foreach (var (group, resource) in new[] { ("apps", "statefulsets"), ("", "services"), ("", "persistentvolumeclaims"), ("", "pods") })
        {
            var obj = TestFiles.Json(json);
            Assert.NotEmpty(BuiltinValidation.Validate(group, resource, obj, TestFiles.Json(json)));
            Assert.NotNull(ObjectNameValidation.Validate(resource, obj));
        }

        Assert.NotNull(BuiltinValidation.Validate("coordination.k8s.io", "leases", TestFiles.Json(json), null));
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Ownership_bookkeeping_tolerates_malformed_objects(string json)
    {
        var obj = TestFiles.Json(json);
        obj["apiVersion"] = "apps/v1";
        obj["kind"] = "StatefulSet";

        ManagedFields.RecordUpdate(null, obj, "m", "Update", DateTimeOffset.UnixEpoch, PatchMeta.ForKind("apps/v1", "StatefulSet"), string.Empty);

        var entries = ManagedFieldsEntry.ReadAll(obj);
        if (obj["spec"] is JsonObject)
        {
            var entry = Assert.Single(entries);
            Assert.Equal("m", entry.Manager);
            Assert.False(entry.Fields.IsEmpty);
        }
        else
        {
            Assert.Empty(entries); // a scalar spec replaces the whole struct: nothing below it to own
        }
    }

    [Fact]
    public void Crd_validation_reports_wrong_types_at_every_level()
    {
        var schema = CrdSchema.Compile(TestFiles.Json("""{"type":"object","properties":{"spec":{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"integer"}}}}}}}"""));

        var errors = schema.Validate(TestFiles.Json("""{"spec":{"a":[1]}}"""), null);
        schema.ApplyDefaults(TestFiles.Json("""{"spec":"x"}"""));

        Assert.Equal("spec.a: Invalid value: \"array\": spec.a in body must be of type object: \"array\"", Assert.Single(errors).ToString());
        Assert.Equal("spec: Invalid value: \"string\": spec in body must be of type object: \"string\"", Assert.Single(schema.Validate(TestFiles.Json("""{"spec":"x"}"""), null)).ToString());
    }
}
