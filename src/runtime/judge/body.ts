/**
 * Reading a judge server's response body with a size cap. A hostile or broken
 * server can send an endless body; the judge stops reading past the cap (and
 * aborts the request) instead of buffering it, and the judgement fails closed.
 */

export type CappedBody = { ok: true; text: string } | { ok: false; reason: string };

/** Reads `res`'s body as UTF-8, giving up once more than `maxBytes` bytes arrive. Never throws on size. */
export async function readCappedBody(res: Response, maxBytes: number, abort: () => void): Promise<CappedBody> {
  const tooLarge = (): CappedBody => ({ ok: false, reason: `judge response body is larger than maxResponseBytes (${maxBytes} bytes); the reply was discarded` });
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    return tooLarge();
  }
  if (res.body === null) {
    // Injected fetch implementations may give a body-less Response; text() is then small.
    const text = await res.text();
    return Buffer.byteLength(text) > maxBytes ? tooLarge() : { ok: true, text };
  }
  // The DOM typings give the body as ReadableStream<any>; fetch bodies are bytes.
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
