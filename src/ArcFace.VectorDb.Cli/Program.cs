using ArcFace.VectorDb.Cli.Commands;

return ArcvdbCommand.Create().Parse(args).Invoke();
