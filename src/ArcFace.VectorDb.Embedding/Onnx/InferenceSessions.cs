using Microsoft.ML.OnnxRuntime;

namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>An open session and the execution provider it really runs on.</summary>
public sealed record OpenedSession(InferenceSession Session, string Provider, string? FallbackReason);

/// <summary>Opens ONNX Runtime sessions on the requested device, falling back from CUDA to the CPU when CUDA cannot load.</summary>
public static class InferenceSessions
{
    /// <summary>Name recorded for the CPU provider.</summary>
    public const string CpuProvider = "CPUExecutionProvider";

    /// <summary>The log severity of ONNX Runtime while CUDA is probed: fatal only, since a failure is ours to say, once.</summary>
    private const OrtLoggingLevel ProbeLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;

    private static readonly Lock ProbeGate = new();

    /// <summary>Opens the model; a missing file, a non-ONNX file or a CUDA failure with RequireGpu throws a <see cref="ModelException"/>.</summary>
    public static OpenedSession Open(EmbedderOptions options)
    {
        if (!File.Exists(options.ModelPath))
            throw new ModelException($"Model file not found: {Path.GetFullPath(options.ModelPath)}");
        string? fallback = null;
        if (options.Device.Cuda)
        {
            var cudaOptions = CreateOptions(options, ProbeLogLevel);
            // A CUDA library that cannot load is logged by the environment's logger, not the session's: both are silenced
            // for the probe (one probe at a time, so the level is always restored) and the fallback reason says it once.
            using var quiet = ProbeGate.EnterScope();
            var environment = OrtEnv.Instance();
            var level = environment.EnvLogLevel;
            environment.EnvLogLevel = ProbeLogLevel;
            try
            {
                cudaOptions.AppendExecutionProvider_CUDA(options.Device.GpuIndex);
                return new(new InferenceSession(options.ModelPath, cudaOptions), $"CUDAExecutionProvider:{options.Device.GpuIndex}", null);
            }
            catch (OnnxRuntimeException e)
            {
                // Whether CUDA or the model failed, the CPU session below tells: a bad model fails there too, with its own error.
                fallback = $"CUDA device {options.Device.GpuIndex} is not usable ({FirstLine(e.Message)})";
                if (options.RequireGpu)
                    throw new ModelException($"{fallback}, and --require-gpu forbids running on the CPU.", e);
            }
            finally
            {
                environment.EnvLogLevel = level;
                cudaOptions.Dispose();
            }
        }
        var cpuOptions = CreateOptions(options, OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        return new(Load(options.ModelPath, cpuOptions), CpuProvider, fallback is null ? null : $"{fallback}: running on the CPU instead.");
    }

    /// <summary>The intra-op thread count a session gets: the one asked for, or one per core.</summary>
    public static int IntraOpThreads(EmbedderOptions options) => options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount;

    private static SessionOptions CreateOptions(EmbedderOptions options, OrtLoggingLevel logLevel)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = IntraOpThreads(options),
            InterOpNumThreads = 1,
            LogSeverityLevel = logLevel,
        };
        // Idle intra-op threads would otherwise spin and steal the cores the decode workers need.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return session;
    }

    private static InferenceSession Load(string modelPath, SessionOptions options)
    {
        try
        {
            return new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"{Path.GetFileName(modelPath)} cannot be loaded as an ONNX model: {FirstLine(e.Message)}", e);
        }
        finally
        {
            options.Dispose();
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
