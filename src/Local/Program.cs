using VisitCounter.Local;

return await LocalCommand.Create().Parse(args).InvokeAsync();
