namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>The preprocessing of well-known ArcFace model families.</summary>
public static class PreprocessPresets
{
    /// <summary>Names accepted by <see cref="ByName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["insightface", "mmpretrain-inshop", "imagenet"];

    /// <summary>insightface recognisers: squash to the model's size, RGB, (x − 127.5) / 127.5.</summary>
    public static PreprocessSpec Insightface(int width, int height) => new()
    {
        Width = width, Height = height, ResizeWidth = width, ResizeHeight = height,
        Mean = [127.5f, 127.5f, 127.5f], Std = [127.5f, 127.5f, 127.5f],
    };

    /// <summary>mmpretrain In-shop ArcFace: squash to 512×512, centre crop 448, RGB, ImageNet mean and std on 0..255.</summary>
    public static PreprocessSpec MmpretrainInshop() => new()
    {
        Width = 448, Height = 448, ResizeWidth = 512, ResizeHeight = 512,
        Mean = [123.675f, 116.28f, 103.53f], Std = [58.395f, 57.12f, 57.375f],
    };

    /// <summary>torchvision ImageNet normalisation: squash to the model's size, RGB, pixels/255, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).</summary>
    public static PreprocessSpec Imagenet(int width, int height) => new()
    {
        Width = width, Height = height, ResizeWidth = width, ResizeHeight = height, Scale = 1f / 255f,
        Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f],
    };

    /// <summary>A preset by name, at the model's input size (mmpretrain-inshop has its own).</summary>
    public static PreprocessSpec ByName(string name, int width, int height) => name switch
    {
        "insightface" => Insightface(width, height),
        "mmpretrain-inshop" => MmpretrainInshop(),
        "imagenet" => Imagenet(width, height),
        _ => throw new ArgumentException($"Unknown preprocessing preset '{name}'; known: {string.Join(", ", Names)}."),
    };
}
