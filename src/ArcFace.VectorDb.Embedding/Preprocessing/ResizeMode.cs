namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>How an image is brought to the resize size.</summary>
public enum ResizeMode
{
    /// <summary>Stretch to exactly the size, ignoring the aspect ratio.</summary>
    Squash,

    /// <summary>Scale the shorter side to the size, then cut the centre.</summary>
    ShorterSideCenterCrop,

    /// <summary>Scale the longer side to the size and pad the rest with the fill value, centred.</summary>
    Pad,

    /// <summary>Centre the image unscaled on the size and pad the rest with the fill value; an image larger than the size is refused.</summary>
    PadToSize,
}

/// <summary>Order of the colour planes in the tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (PyTorch / mmpretrain / insightface ONNX exports).</summary>
    Rgb,

    /// <summary>Blue, green, red (OpenCV-trained models).</summary>
    Bgr,
}
