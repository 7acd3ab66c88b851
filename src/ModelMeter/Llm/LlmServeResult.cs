namespace ModelMeter.Llm;

/// <summary>Percentiles of a latency, seconds (nearest-rank).</summary>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Mean">Mean.</param>
public readonly record struct LlmPercentiles(double P50, double P90, double P99, double Mean)
{
    /// <summary>Nearest-rank percentiles of <paramref name="values"/> (zeros when empty).</summary>
    public static LlmPercentiles Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return default;
        var s = values.Order().ToArray();
        double At(double q) => s[Math.Clamp((int)Math.Ceiling(q * s.Length) - 1, 0, s.Length - 1)];
        return new LlmPercentiles(At(0.5), At(0.9), At(0.99), s.Average());
    }
}

/// <summary>The outcome of one serving run at one arrival rate.</summary>
/// <param name="Rate">Arrival rate, requests per second.</param>
/// <param name="Requests">Requests served.</param>
/// <param name="DurationS">First arrival to last completion, seconds.</param>
/// <param name="OutputTokensPerS">Generated tokens / duration.</param>
/// <param name="RequestsPerS">Completed requests / duration.</param>
/// <param name="Ttft">Time to first token (arrival → end of the step that finishes its prefill).</param>
/// <param name="Tpot">Time per output token after the first, per request.</param>
/// <param name="EndToEnd">Arrival → last token.</param>
/// <param name="MaxConcurrency">Most requests holding KV cache at once.</param>
/// <param name="KvBoundConcurrency">Requests of the mean size whose KV cache fits (capacity / blocks per mean request).</param>
/// <param name="KvCapacityTokens">KV capacity in tokens.</param>
/// <param name="Steps">Scheduler steps simulated.</param>
/// <param name="MeanStepS">Mean step time, seconds.</param>
public sealed record LlmServeResult(double Rate, int Requests, double DurationS, double OutputTokensPerS, double RequestsPerS,
    LlmPercentiles Ttft, LlmPercentiles Tpot, LlmPercentiles EndToEnd, int MaxConcurrency, int KvBoundConcurrency, long KvCapacityTokens,
    long Steps, double MeanStepS);
