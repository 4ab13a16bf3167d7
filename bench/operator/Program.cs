using VisitCounter.Bench.OperatorScale;

return await BenchCommand.Create().Parse(args).InvokeAsync();
