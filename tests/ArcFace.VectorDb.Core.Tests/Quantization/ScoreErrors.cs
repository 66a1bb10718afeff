using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Core.Tests.Quantization;

/// <summary>Errors of a trained scalar quantiser's inner-product estimates against float64 on held-out unit vectors.</summary>
internal sealed record ScoreErrors(double AsymmetricMean, double AsymmetricMax, double SymmetricMean, double SymmetricMax)
{
    /// <summary>Trains on 2000 vectors, then scores 200 held-out queries against 200 held-out vectors both ways.</summary>
    public static ScoreErrors Measure(int dimension, ScalarQuantizerOptions options, double anisotropy = 0)
    {
        var train = UnitVectors.Generate(2000, dimension, seed: 1, anisotropy);
        var queries = UnitVectors.Generate(200, dimension, seed: 2, anisotropy);
        var points = UnitVectors.Generate(200, dimension, seed: 3, anisotropy);
        var quantizer = ScalarQuantizer.Train(train, dimension, options);
        var pointCodes = new sbyte[200][];
        var pointCorrections = new float[200];
        for (int p = 0; p < 200; p++)
        {
            pointCodes[p] = new sbyte[dimension];
            pointCorrections[p] = quantizer.Encode(points.AsSpan(p * dimension, dimension), pointCodes[p]);
        }
        var queryCodes = new sbyte[dimension];
        double asymmetricSum = 0, asymmetricMax = 0, symmetricSum = 0, symmetricMax = 0;
        for (int q = 0; q < 200; q++)
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var prepared = quantizer.PrepareQuery(query);
            float queryCorrection = quantizer.Encode(query, queryCodes);
            for (int p = 0; p < 200; p++)
            {
                double truth = UnitVectors.Dot(query, points.AsSpan(p * dimension, dimension));
                double asymmetric = Math.Abs(prepared.Score(pointCodes[p]) - truth);
                double symmetric = Math.Abs(quantizer.EstimateInnerProduct(queryCodes, queryCorrection, pointCodes[p], pointCorrections[p]) - truth);
                asymmetricSum += asymmetric;
                symmetricSum += symmetric;
                asymmetricMax = Math.Max(asymmetricMax, asymmetric);
                symmetricMax = Math.Max(symmetricMax, symmetric);
            }
        }
        return new ScoreErrors(asymmetricSum / 40000, asymmetricMax, symmetricSum / 40000, symmetricMax);
    }
}
