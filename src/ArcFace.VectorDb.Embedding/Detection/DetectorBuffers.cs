namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>The pinned input and output buffers of a detector's runs, grown to the largest run seen and reused for every size.</summary>
internal sealed class DetectorBuffers
{
    /// <summary>Batched input tensors, image after image.</summary>
    public float[] Input { get; private set; } = [];

    /// <summary>Box offsets, [N,P,4].</summary>
    public float[] Loc { get; private set; } = [];

    /// <summary>Background and face scores, [N,P,2].</summary>
    public float[] Conf { get; private set; } = [];

    /// <summary>Landmark offsets, [N,P,10].</summary>
    public float[] Landms { get; private set; } = [];

    /// <summary>Makes room for <paramref name="images"/> tensors of <paramref name="tensorLength"/> floats and their <paramref name="priors"/> rows each.</summary>
    public void Ensure(int images, int tensorLength, int priors)
    {
        Input = AtLeast(Input, images * tensorLength);
        Loc = AtLeast(Loc, images * priors * 4);
        Conf = AtLeast(Conf, images * priors * 2);
        Landms = AtLeast(Landms, images * priors * 2 * RetinaFaceDecoding.LandmarkCount);
    }

    private static float[] AtLeast(float[] buffer, int length) => buffer.Length >= length ? buffer : GC.AllocateUninitializedArray<float>(length, pinned: true);
}
