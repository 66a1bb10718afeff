namespace ArcFace.VectorDb.Cli.Data;

/// <summary>A benchmark data set: a labelled base set to index and labelled queries to search it with.</summary>
internal sealed record BenchDataset(LabeledVectors Base, LabeledVectors Queries);
