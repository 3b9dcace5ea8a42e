/**
 * A large text assembled from many small pieces (a 12,000-constraint IR literal is about
 * a million of them). Appending with `+=` keeps every piece alive in one rope until the
 * whole text is flattened, so each garbage collection copies them all again; here pieces
 * are joined a few thousand at a time into flat chunks, and the short-lived pieces die young.
 */
export class TextBuilder {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length >= 4096) this.seal();
  }

  /** The text so far. */
  text(): string {
    this.seal();
    return this.chunks.length === 1 ? (this.chunks[0] as string) : this.chunks.join("");
  }

  private seal(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
  }
}
