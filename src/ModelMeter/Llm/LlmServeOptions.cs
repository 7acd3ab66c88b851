namespace ModelMeter.Llm;

/// <summary>A serving run: a seeded Poisson request stream and the scheduler's limits (vLLM/TensorRT-LLM style).</summary>
/// <param name="Rate">Mean arrival rate, requests per second.</param>
/// <param name="Requests">Requests in the stream.</param>
/// <param name="Prompt">Prompt length distribution.</param>
/// <param name="Output">Output length distribution (tokens generated, the first by prefill).</param>
/// <param name="Seed">Random seed (same seed, same stream).</param>
/// <param name="MaxBatchedTokens">Token budget of one step (decode tokens first, then prefill chunks).</param>
/// <param name="MaxSequences">Most sequences running at once.</param>
/// <param name="BlockTokens">Tokens per KV-cache block (paged attention).</param>
/// <param name="KvCapacityTokens">KV-cache capacity of the deployment in tokens (blocks × block size).</param>
public readonly record struct LlmServeOptions(double Rate, int Requests, LlmLengthDistribution Prompt, LlmLengthDistribution Output,
    int Seed = 0, int MaxBatchedTokens = 2048, int MaxSequences = 256, int BlockTokens = 16, long KvCapacityTokens = 0);
