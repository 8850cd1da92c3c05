import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { countRequestStream } from "@/lib/datasets/count-stream";

/**
 * POST /api/v1/datasets/{id}/token-counts?tokenizers=llama3,qwen3|all: the raw body is the dataset's training file
 * again; it is counted with each tokenizer (streamed, one tokenizer at a time) and only the figures are stored.
 */
export const POST = handle(v1.countDatasetTokens, (ctx, { params, req }) => {
  const length = req.headers.get("content-length");
  const contentLength = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  return countRequestStream(ctx, params.id, req.body, contentLength, Object.fromEntries(new URL(req.url).searchParams));
});
