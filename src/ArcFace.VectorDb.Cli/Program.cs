using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands;

// Ctrl-C / SIGTERM cancel the running command; it then has up to a minute to commit what it wrote and close.
return ArcvdbCommand.Create().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) });
