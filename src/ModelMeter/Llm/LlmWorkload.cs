namespace ModelMeter.Llm;

/// <summary>The requests to estimate: prompt length, tokens generated per request, and the batch sizes to sweep.</summary>
/// <param name="Prompt">Prompt tokens per sequence.</param>
/// <param name="Generate">Tokens generated per sequence (the first comes from prefill; Generate − 1 decode steps follow).</param>
/// <param name="Batches">Batch sizes (concurrent sequences) to estimate.</param>
public readonly record struct LlmWorkload(int Prompt, int Generate, IReadOnlyList<int> Batches)
{
    /// <summary>Final sequence length: prompt + generated tokens.</summary>
    public long FinalLength => (long)Prompt + Generate;
}
