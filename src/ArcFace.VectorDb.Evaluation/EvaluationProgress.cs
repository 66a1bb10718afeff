namespace ArcFace.VectorDb.Evaluation;

/// <summary>Where an evaluation stands: the stage it is in and how far that stage has got.</summary>
public readonly record struct EvaluationProgress(string Stage, long Done, long Total);
