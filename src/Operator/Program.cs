using VisitCounter.Operator.Cli;

return await CliBuilder.Build().Parse(args).InvokeAsync();
