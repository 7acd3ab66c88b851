namespace ModelMeter.Llm;

/// <summary>
/// Deterministic simulation of continuous batching as vLLM and TensorRT-LLM schedule it: requests arrive as a seeded Poisson
/// stream; a request is admitted (FCFS) when the sequence limit allows and the paged KV cache has blocks for its prompt plus
/// all its output (TensorRT-LLM's guaranteed-no-evict policy, so nothing is preempted); each step runs every decoding
/// sequence's next token plus prompt chunks up to the token budget (chunked prefill), priced by <see cref="ILlmStepTime"/>.
/// A request's first token comes at the end of the step that finishes its prompt.
/// </summary>
public static class LlmServeSimulator
{
    private sealed class Req
    {
        public double Arrival, FirstToken;
        public int Prompt, Output, Prefilled, Generated;
        public long Blocks;
    }

    /// <summary>Runs the stream of <paramref name="options"/> with step times from <paramref name="steps"/>.</summary>
    /// <exception cref="ModelMeterException">Usage error for a non-positive rate or count, or a request larger than the KV cache.</exception>
    public static LlmServeResult Run(LlmServeOptions options, ILlmStepTime steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var o = options;
        if (!(o.Rate > 0) || double.IsInfinity(o.Rate)) throw ModelMeterException.Usage($"--rate {o.Rate}: must be a positive number of requests per second");
        if (o.Requests <= 0 || o.Requests > 1_000_000) throw ModelMeterException.Usage($"--requests {o.Requests}: must be between 1 and 1,000,000");
        if (o.MaxBatchedTokens <= 0 || o.MaxSequences <= 0 || o.BlockTokens <= 0)
            throw ModelMeterException.Usage("--max-batched-tokens, --max-seqs and the block size must be positive");
        long capacityBlocks = o.KvCapacityTokens / o.BlockTokens;
        var rng = new Random(o.Seed);
        var all = new List<Req>(o.Requests);
        double t0 = 0;
        for (int i = 0; i < o.Requests; i++)
        {
            t0 += -Math.Log(1 - rng.NextDouble()) / o.Rate;
            var r = new Req { Arrival = t0, Prompt = o.Prompt.Sample(rng), Output = o.Output.Sample(rng) };
            r.Blocks = (r.Prompt + r.Output + o.BlockTokens - 1) / o.BlockTokens;
            if (r.Blocks > capacityBlocks)
                throw ModelMeterException.Usage($"a request of {r.Prompt} + {r.Output} tokens needs {r.Blocks * o.BlockTokens} tokens of KV cache; "
                    + $"the deployment holds {capacityBlocks * o.BlockTokens}: shorten --prompt-dist / --output-dist or add memory (--tp)");
            all.Add(r);
        }
        double meanBlocks = all.Average(r => (double)r.Blocks);
        int kvBound = (int)Math.Min(int.MaxValue, capacityBlocks / Math.Max(1, meanBlocks));
        var running = new List<Req>();
        int next = 0, done = 0, maxConc = 0;
        long freeBlocks = capacityBlocks, stepCount = 0;
        double now = 0, busy = 0, tokens = 0;
        var ttft = new List<double>(o.Requests);
        var tpot = new List<double>(o.Requests);
        var e2e = new List<double>(o.Requests);
        while (done < o.Requests)
        {
            // admit arrived requests in order while sequences and KV blocks allow
            while (next < all.Count && all[next].Arrival <= now && running.Count < o.MaxSequences && all[next].Blocks <= freeBlocks)
            {
                freeBlocks -= all[next].Blocks;
                running.Add(all[next++]);
            }
            maxConc = Math.Max(maxConc, running.Count);
            if (running.Count == 0) { now = Math.Max(now, all[next].Arrival); continue; }
            // decode tokens first, then prompt chunks in admission order within the budget
            int decodeSeqs = 0;
            long ctxSum = 0;
            foreach (var r in running)
                if (r.Prefilled == r.Prompt) { decodeSeqs++; ctxSum += r.Prompt + r.Generated; }
            int budget = Math.Max(0, o.MaxBatchedTokens - decodeSeqs), prefill = 0;
            var chunks = new List<(Req R, int N)>();
            foreach (var r in running)
            {
                if (r.Prefilled == r.Prompt || budget == 0) continue;
                int n = Math.Min(budget, r.Prompt - r.Prefilled);
                chunks.Add((r, n));
                budget -= n;
                prefill += n;
            }
            if (prefill == 0 && decodeSeqs == 0) { now = Math.Max(now, next < all.Count ? all[next].Arrival : now); continue; }
            double dt = steps.Seconds(prefill, decodeSeqs, decodeSeqs == 0 ? 0 : (ctxSum + decodeSeqs - 1) / decodeSeqs);
            if (!(dt > 0) || double.IsInfinity(dt)) throw new InvalidOperationException($"step time {dt} s is not a positive number");
            now += dt;
            busy += dt;
            stepCount++;
            for (int i = running.Count - 1; i >= 0; i--)
            {
                var r = running[i];
                if (r.Prefilled == r.Prompt) { r.Generated++; tokens++; }
                if (r.Generated < r.Output) continue;
                e2e.Add(now - r.Arrival);
                if (r.Output > 1) tpot.Add((now - r.FirstToken) / (r.Output - 1));
                freeBlocks += r.Blocks;
                running.RemoveAt(i);
                done++;
            }
            foreach (var (r, n) in chunks)
            {
                r.Prefilled += n;
                if (r.Prefilled < r.Prompt) continue;
                r.FirstToken = now; // the prompt's last chunk yields the first token
                r.Generated = 1;
                tokens++;
                ttft.Add(now - r.Arrival);
                if (r.Output > 1) continue;
                e2e.Add(now - r.Arrival);
                freeBlocks += r.Blocks;
                running.Remove(r);
                done++;
            }
        }
        double duration = now - all[0].Arrival;
        return new LlmServeResult(o.Rate, o.Requests, duration, tokens / duration, o.Requests / duration,
            LlmPercentiles.Of(ttft), LlmPercentiles.Of(tpot), LlmPercentiles.Of(e2e), maxConc, kvBound, capacityBlocks * o.BlockTokens,
            stepCount, busy / Math.Max(1, stepCount));
    }

    /// <summary>
    /// KV-cache capacity in tokens of one replica: (memory × <paramref name="memoryFraction"/> − weights) / KV bytes per token,
    /// per chip (vLLM's gpu_memory_utilization, default 0.9, leaves the rest to activations and the runtime).
    /// </summary>
    public static long KvCapacityTokens(LlmConfig config, LlmOptions options, LlmChip chip, double memoryFraction = 0.9)
    {
        ArgumentNullException.ThrowIfNull(chip);
        long free = (long)(chip.MemoryBytes * memoryFraction) - LlmProfiler.WeightBytesPerChip(config, options);
        long perToken = LlmProfiler.KvBytesPerToken(config, options);
        return free <= 0 || perToken <= 0 ? 0 : free / perToken;
    }
}
