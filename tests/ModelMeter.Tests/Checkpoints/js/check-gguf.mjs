// Reads a local GGUF file with @huggingface/gguf (an independent parser) and prints what the tests compare as JSON.
import { gguf } from "@huggingface/gguf";

const path = process.argv[2];
if (!path) { console.error("usage: node check-gguf.mjs FILE"); process.exit(2); }
const out = await gguf(path, { allowLocalFile: true, computeParametersCount: true });
console.log(JSON.stringify({
  version: out.metadata.version,
  tensorCount: Number(out.metadata.tensor_count),
  kvCount: Number(out.metadata.kv_count),
  architecture: out.metadata["general.architecture"],
  parameterCount: out.parameterCount,
  tensors: out.tensorInfos.map(t => ({ name: t.name, shape: t.shape.map(Number), dtype: t.dtype, offset: Number(t.offset) })),
}));
