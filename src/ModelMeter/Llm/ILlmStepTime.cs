namespace ModelMeter.Llm;

/// <summary>
/// The time of one continuous-batching scheduler step: prompt tokens (chunks of one or more requests) and sequences
/// decoding one token each at a mean attended context. The one function through which the serving simulation prices steps.
/// </summary>
public interface ILlmStepTime
{
    /// <summary>Seconds of one step (both parts run in one forward pass: the weights are read once).</summary>
    double Seconds(int prefillTokens, int decodeSequences, long meanDecodeContext);
}
