namespace ArcFace.VectorDb.Cli.Data;

/// <summary>The unsigned-byte contents of an idx file and the sizes its header declares, outermost first.</summary>
internal sealed record IdxArray(byte[] Data, int[] Shape);
