using ArcFace.VectorDb.Cli.Commands;

return ArcvdbCommand.Run(args);
