namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>Which of a photo's detected faces to keep.</summary>
public enum FaceChoice
{
    /// <summary>Every face.</summary>
    All,

    /// <summary>The face with the largest box area.</summary>
    Largest,

    /// <summary>The face whose box centre is nearest the photo's centre.</summary>
    Center,
}
