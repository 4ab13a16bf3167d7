using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

public sealed class CrdSchemaTests
{
    private static CrdSchema FixtureSchema()
    {
        var crd = TestFiles.Fixture("crd.yaml");
        return CrdSchema.Compile((JsonObject)crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!);
    }

    private static CrdSchema Schema(string json) => CrdSchema.Compile(TestFiles.Json(json));

    private static readonly CrdSchema Rich = Schema("""
        {"type":"object","properties":{"spec":{"type":"object","properties":{
          "replicas":{"type":"integer","minimum":0,"maximum":3,"default":1},
          "image":{"type":"string","maxLength":10,"minLength":2,"pattern":"^[a-z0-9:.]+$"},
          "podManagementPolicy":{"type":"string","enum":["OrderedReady","Parallel"],"default":"OrderedReady"},
          "ratio":{"type":"number","exclusiveMinimum":true,"minimum":0},
          "maxUnavailable":{"x-kubernetes-int-or-string":true},
          "note":{"type":"string","nullable":true},
          "tags":{"type":"array","items":{"type":"string"},"maxItems":2,"minItems":1,"x-kubernetes-list-type":"set"},
          "env":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"value":{"type":"string"}}}},
          "labels":{"type":"object","additionalProperties":{"type":"string"}},
          "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
          "storage":{"type":"object","default":{},"properties":{"size":{"type":"string","default":"1Gi"},"class":{"type":"string"}}}
        }}}}
        """);

    [Fact]
    public void Fixture_invalid_app_gets_the_errors_kubectl_printed_from_the_real_server()
    {
        var errors = FixtureSchema().Validate(TestFiles.Fixture("app-invalid.yaml"), null);

        Assert.Equal(
            [
                new FieldError("FieldValueRequired", "spec.image", "Required value"),
                new FieldError("FieldValueInvalid", "spec.replicas", "Invalid value: -1: spec.replicas in body should be greater than or equal to 0"),
            ],
            errors);
    }

    [Fact]
    public void Fixture_valid_apps_have_no_errors()
    {
        var schema = FixtureSchema();

        Assert.Empty(schema.Validate(TestFiles.Fixture("app.yaml"), null));
        Assert.Empty(schema.Validate(TestFiles.Fixture("app-changed.yaml"), TestFiles.Fixture("app.yaml")));
    }

    [Fact]
    public void Fixture_unknown_field_is_pruned_and_reported_by_its_path()
    {
        var app = TestFiles.Fixture("app-unknown.yaml");

        var removed = FixtureSchema().Prune(app);

        Assert.Equal(["spec.colour"], removed);
        Assert.False(app["spec"]!.AsObject().ContainsKey("colour"));
        Assert.Equal("odd", app["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Pruning_keeps_preserved_and_map_fields_and_reports_nested_list_paths()
    {
        var obj = TestFiles.Json("""{"apiVersion":"a/v1","kind":"K","metadata":{"name":"x","labels":{"a":"b"},"anything":1},"top":1,"spec":{"extra":{"free":{"x":1}},"labels":{"a":"b"},"env":[{"name":"A","bogus":true}]}}""");

        var removed = Rich.Prune(obj);

        Assert.Equal(["metadata.anything", "top", "spec.env[0].bogus"], removed);
        Assert.Equal("""{"apiVersion":"a/v1","kind":"K","metadata":{"name":"x","labels":{"a":"b"}},"spec":{"extra":{"free":{"x":1}},"labels":{"a":"b"},"env":[{"name":"A"}]}}""", obj.ToJsonString());
    }

    [Fact]
    public void Defaults_fill_absent_fields_and_recurse_into_object_defaults()
    {
        var obj = TestFiles.Json("""{"spec":{"replicas":2}}""");

        Rich.ApplyDefaults(obj);

        Assert.Equal("""{"spec":{"replicas":2,"podManagementPolicy":"OrderedReady","storage":{"size":"1Gi"}}}""", obj.ToJsonString());
    }

    [Fact]
    public void Null_in_a_non_nullable_field_is_defaulted_and_kept_when_nullable()
    {
        var obj = TestFiles.Json("""{"spec":{"replicas":null,"note":null,"image":null}}""");

        Rich.ApplyDefaults(obj);

        Assert.Equal(1, obj["spec"]!["replicas"]!.GetValue<int>());
        Assert.True(obj["spec"]!.AsObject().ContainsKey("note"));
        Assert.False(obj["spec"]!.AsObject().ContainsKey("image"));
    }

    [Theory]
    [InlineData("""{"replicas":5}""", "FieldValueInvalid", "spec.replicas", "Invalid value: 5: spec.replicas in body should be less than or equal to 3")]
    [InlineData("""{"replicas":"three"}""", "FieldValueTypeInvalid", "spec.replicas", "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")]
    [InlineData("""{"replicas":1.5}""", "FieldValueTypeInvalid", "spec.replicas", "Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"")]
    [InlineData("""{"podManagementPolicy":"Foo"}""", "FieldValueNotSupported", "spec.podManagementPolicy", "Unsupported value: \"Foo\": supported values: \"OrderedReady\", \"Parallel\"")]
    [InlineData("""{"image":"abcdefghijk"}""", "FieldValueTooLong", "spec.image", "Too long: may not be more than 10 bytes")]
    [InlineData("""{"image":"a"}""", "FieldValueInvalid", "spec.image", "Invalid value: \"a\": spec.image in body should be at least 2 chars long")]
    [InlineData("""{"image":"UP"}""", "FieldValueInvalid", "spec.image", "Invalid value: \"UP\": spec.image in body should match '^[a-z0-9:.]+$'")]
    [InlineData("""{"ratio":0}""", "FieldValueInvalid", "spec.ratio", "Invalid value: 0: spec.ratio in body should be greater than 0")]
    [InlineData("""{"maxUnavailable":true}""", "FieldValueTypeInvalid", "spec.maxUnavailable", "Invalid value: \"boolean\": spec.maxUnavailable in body must be of type integer,string: \"boolean\"")]
    [InlineData("""{"tags":["a","b","c"]}""", "FieldValueTooMany", "spec.tags", "Too many: 3: must have at most 2 items")]
    [InlineData("""{"tags":[]}""", "FieldValueInvalid", "spec.tags", "Invalid value: []interface {}{}: spec.tags in body should have at least 1 items")]
    [InlineData("""{"tags":["a","a"]}""", "FieldValueDuplicate", "spec.tags[1]", "Duplicate value: \"a\"")]
    [InlineData("""{"env":[{"name":"A"},{"name":"A"}]}""", "FieldValueDuplicate", "spec.env[1]", "Duplicate value: map[string]interface {}{\"name\":\"A\"}")]
    [InlineData("""{"env":[{"value":"x"}]}""", "FieldValueRequired", "spec.env[0].name", "Required value")]
    [InlineData("""{"labels":{"a":1}}""", "FieldValueTypeInvalid", "spec.labels.a", "Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\"")]
    [InlineData("""{"image":null}""", "FieldValueTypeInvalid", "spec.image", "Invalid value: \"null\": spec.image in body must be of type string: \"null\"")]
    public void Reports_openapi_violations_with_the_real_servers_messages(string spec, string reason, string field, string message)
    {
        var errors = Rich.Validate(TestFiles.Json($$"""{"spec":{{spec}}}"""), null);

        Assert.Equal(new FieldError(reason, field, message), Assert.Single(errors));
    }

    [Theory]
    [InlineData("""{"maxUnavailable":1}""")]
    [InlineData("""{"maxUnavailable":"25%"}""")]
    [InlineData("""{"note":null,"ratio":0.5,"extra":{"x":[1,{"y":2}]},"labels":{"a":"b"}}""")]
    public void Accepts_valid_values(string spec)
    {
        Assert.Empty(Rich.Validate(TestFiles.Json($$"""{"spec":{{spec}}}"""), null));
    }

    [Fact]
    public void Updates_ratchet_values_they_leave_unchanged()
    {
        var schema = Schema("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "replicas":{"type":"integer","maximum":3},"image":{"type":"string"},
              "storage":{"type":"object","x-kubernetes-validations":[{"rule":"self.size.endsWith('Gi')"}],"properties":{"size":{"type":"string"}}}}}}}
            """);
        var old = TestFiles.Json("""{"spec":{"replicas":5,"image":"a","storage":{"size":"500Mi"}}}""");

        var untouched = schema.Validate(TestFiles.Json("""{"spec":{"replicas":5,"image":"b","storage":{"size":"500Mi"}}}"""), old);
        var touched = schema.Validate(TestFiles.Json("""{"spec":{"replicas":6,"image":"b","storage":{"size":"600Mi"}}}"""), old);

        Assert.Empty(untouched);
        Assert.Equal(["spec.replicas", "spec.storage"], touched.Select(e => e.Field));
        Assert.Equal(2, schema.Validate(old, null).Count);
    }

    [Fact]
    public void Validation_rules_report_the_message_on_the_rule_owner_and_field_path()
    {
        var schema = Schema("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"updateStrategy":{"type":"object",
              "x-kubernetes-validations":[
                {"rule":"!has(self.partition) || self.type == 'RollingUpdate'","message":"partition is only allowed with type RollingUpdate"},
                {"rule":"self.type in ['RollingUpdate', 'OnDelete']","fieldPath":".type","reason":"FieldValueForbidden"}],
              "properties":{"type":{"type":"string"},"partition":{"type":"integer"}}}}}}}
            """);

        var errors = schema.Validate(TestFiles.Json("""{"spec":{"updateStrategy":{"type":"Recreate","partition":2}}}"""), null);

        Assert.Equal(
            [
                new FieldError("FieldValueInvalid", "spec.updateStrategy", "Invalid value: \"object\": partition is only allowed with type RollingUpdate"),
                new FieldError("FieldValueForbidden", "spec.updateStrategy.type", "Forbidden: failed rule: self.type in ['RollingUpdate', 'OnDelete']"),
            ],
            errors);
        Assert.Empty(schema.Validate(TestFiles.Json("""{"spec":{"updateStrategy":{"type":"RollingUpdate","partition":2}}}"""), null));
        Assert.Empty(schema.Validate(TestFiles.Json("""{"spec":{"updateStrategy":{"type":"OnDelete"}}}"""), null));
    }

    [Fact]
    public void Transition_rules_compare_with_old_self_only_on_updates()
    {
        var schema = Schema("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"storage":{"type":"object",
              "x-kubernetes-validations":[{"rule":"self.className == oldSelf.className","message":"storage.className is immutable"}],
              "properties":{"className":{"type":"string"},"size":{"type":"string"}}}}}}}
            """);
        var before = TestFiles.Json("""{"spec":{"storage":{"className":"fast","size":"1Gi"}}}""");
        var grown = TestFiles.Json("""{"spec":{"storage":{"className":"fast","size":"2Gi"}}}""");
        var moved = TestFiles.Json("""{"spec":{"storage":{"className":"slow","size":"1Gi"}}}""");

        Assert.Empty(schema.Validate(moved, null));
        Assert.Empty(schema.Validate(grown, before));
        Assert.Equal(
            new FieldError("FieldValueInvalid", "spec.storage", "Invalid value: \"object\": storage.className is immutable"),
            Assert.Single(schema.Validate(moved, before)));
    }

    [Fact]
    public void Transition_rules_correlate_map_list_items_by_key()
    {
        var schema = Schema("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"env":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
              "items":{"type":"object","x-kubernetes-validations":[{"rule":"self.value == oldSelf.value","message":"value is immutable"}],
                "properties":{"name":{"type":"string"},"value":{"type":"string"}}}}}}}}
            """);
        var before = TestFiles.Json("""{"spec":{"env":[{"name":"A","value":"1"}]}}""");
        var after = TestFiles.Json("""{"spec":{"env":[{"name":"B","value":"9"},{"name":"A","value":"2"}]}}""");

        Assert.Equal("spec.env[1]", Assert.Single(schema.Validate(after, before)).Field);
    }

    [Fact]
    public void Root_rules_may_read_metadata_name_and_report_a_nil_field()
    {
        var schema = Schema("""
            {"type":"object","x-kubernetes-validations":[{"rule":"size(self.metadata.name) <= 5","message":"name too long"}],
             "properties":{"spec":{"type":"object"}}}
            """);

        var error = Assert.Single(schema.Validate(TestFiles.Json("""{"metadata":{"name":"abcdef"},"spec":{}}"""), null));

        Assert.Equal("<nil>: Invalid value: \"object\": name too long", error.ToString());
        Assert.Throws<SchemaException>(() => Schema("""{"type":"object","x-kubernetes-validations":[{"rule":"self.metadata.labels.size() > 0"}]}"""));
    }

    [Fact]
    public void Transition_rules_on_uncorrelatable_list_items_are_refused()
    {
        var error = Assert.Single(Assert.Throws<SchemaException>(() => Schema("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"steps":{"type":"array",
              "items":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf"}]}}}}}}
            """)).Errors);

        Assert.Equal("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[steps].items.x-kubernetes-validations[0].rule", error.Field);
        Assert.EndsWith("oldSelf cannot be used on the uncorrelatable portion of the schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_evaluation_errors_are_reported_not_thrown()
    {
        var schema = Schema("""{"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.missing > 0"}],"properties":{"missing":{"type":"integer"}}}}}""");

        var error = Assert.Single(schema.Validate(TestFiles.Json("""{"spec":{}}"""), null));

        Assert.Equal("Invalid value: \"object\": failed rule: self.missing > 0: no such key: missing", error.Message);
    }

    [Theory]
    [InlineData("self.replicas * 2 > 1", "operator '*' is outside the supported CEL subset")]
    [InlineData("self.items.all(i, i > 0)", "function 'all' is outside the supported CEL subset")]
    [InlineData("int(self.replicas) > 0", "function 'int' is outside the supported CEL subset")]
    [InlineData("self.tags[0] == 'a'", "indexing with [] is outside the supported CEL subset")]
    [InlineData("other.replicas > 0", "undeclared reference to 'other'")]
    [InlineData("self.replicaz > 0", "undefined field 'replicaz'")]
    [InlineData("self.replicas >", "Syntax error")]
    public void Rules_outside_the_subset_fail_compilation_with_a_field_error(string rule, string expected)
    {
        var json = """{"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[{"rule":RULE}],"properties":{"replicas":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}},"items":{"type":"array","items":{"type":"integer"}}}}}}"""
            .Replace("RULE", JsonValue.Create(rule).ToJsonString(), StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<SchemaException>(() => Schema(json)).Errors);

        Assert.Equal("spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule", error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_structural_schemas_are_refused_naming_the_field()
    {
        var error = Assert.Throws<SchemaException>(() => Schema("""{"type":"object","properties":{"spec":{"properties":{"a":{"type":"array"}}}}}"""));

        Assert.Equal(
            [
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[a].items: Required value: must be specified",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
            ],
            error.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }
}
