using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Validation.Cel;

namespace VisitCounter.LocalCluster.Tests.Validation;

public sealed class CelProgramTests
{
    private static readonly JsonNode Self = JsonNode.Parse("""
        {"type":"RollingUpdate","partition":2,"ratio":0.5,"name":"web-0","tags":["a","b"],"nested":{"x":1},"empty":""}
        """)!;

    [Theory]
    [InlineData("self.type == 'RollingUpdate'", true)]
    [InlineData("self.type == \"OnDelete\"", false)]
    [InlineData("!has(self.partition) || self.type == 'RollingUpdate'", true)]
    [InlineData("has(self.nested.x) && !has(self.nested.y)", true)]
    [InlineData("self.partition >= 0 && self.partition < 3", true)]
    [InlineData("self.partition + 1 == 3 && self.partition - 3 == -1", true)]
    [InlineData("self.ratio <= 0.5 && self.ratio > 0.25", true)]
    [InlineData("self.partition == 2.0", true)]
    [InlineData("self.type in ['RollingUpdate', 'OnDelete']", true)]
    [InlineData("'c' in self.tags", false)]
    [InlineData("size(self.tags) == 2 && self.tags.size() == 2 && size(self.name) == 5", true)]
    [InlineData("self.name.startsWith('web-') && self.name.endsWith('-0') && self.name.contains('b-')", true)]
    [InlineData("self.name.matches('^web-[0-9]+$')", true)]
    [InlineData("self.partition > 1 ? self.type == 'RollingUpdate' : false", true)]
    [InlineData("(self.partition == 1 || self.partition == 2) && true", true)]
    [InlineData("self.tags + ['c'] == ['a', 'b', 'c']", true)]
    [InlineData("self.empty + 'x' == 'x' && self.nested != null", true)]
    [InlineData("has(self.missing) && self.missing > 0", false)]
    [InlineData("self.missing > 0 || true", true)]
    public void Evaluates_the_agreed_subset(string rule, bool expected)
    {
        Assert.Equal(expected, CelProgram.Compile(rule).Evaluate(Self, null));
    }

    [Theory]
    [InlineData("self.missing > 0", "no such key: missing")]
    [InlineData("self.type > 1", "no such overload")]
    [InlineData("self.type", "did not evaluate to a bool")]
    public void Evaluation_errors_are_cel_exceptions(string rule, string message)
    {
        var error = Assert.Throws<CelException>(() => CelProgram.Compile(rule).Evaluate(Self, null));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_self_marks_a_transition_rule()
    {
        var rule = CelProgram.Compile("self.partition <= oldSelf.partition");

        Assert.True(rule.IsTransitionRule);
        Assert.False(CelProgram.Compile("self.partition > 0").IsTransitionRule);
        Assert.True(rule.Evaluate(Self, JsonNode.Parse("""{"partition":3}""")));
        Assert.False(rule.Evaluate(Self, JsonNode.Parse("""{"partition":1}""")));
    }
}
