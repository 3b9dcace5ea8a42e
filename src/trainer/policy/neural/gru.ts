/**
 * One GRU cell (Cho et al. 2014) on a flat Float64Array of parameters, with its
 * exact backward pass. Layout at `off`: W (3H x (I + H), rows z, r, n), then b (3H).
 *
 *   z = sigmoid(Wz [x; h] + bz)      r = sigmoid(Wr [x; h] + br)
 *   n = tanh(Wn [x; r * h] + bn)     h' = (1 - z) * n + z * h
 *
 * Plain loops in a fixed order: the same inputs give the same bits.
 */
import { affineRows } from "./affine.js";

export interface GruShape {
  readonly input: number;
  readonly hidden: number;
  readonly off: number;
}

export function gruSize(input: number, hidden: number): number {
  return 3 * hidden * (input + hidden) + 3 * hidden;
}

/** What the backward pass needs of one step. */
export interface GruTrace {
  readonly x: Float64Array;
  readonly h: Float64Array;
  readonly z: Float64Array;
  readonly r: Float64Array;
  readonly n: Float64Array;
}

export function newTrace(s: GruShape): GruTrace {
  return { x: new Float64Array(s.input), h: new Float64Array(s.hidden), z: new Float64Array(s.hidden), r: new Float64Array(s.hidden), n: new Float64Array(s.hidden) };
}

const sigmoid = (a: number): number => 1 / (1 + Math.exp(-a));

/**
 * The input half of the 3H pre-activations (rows z, r, n): pre[j] = b_j + W[j, :I] x,
 * summed in gruForward's order (bias, then inputs 0..I-1). A step's input often
 * repeats (the decoder's [emb(prev); c] within one instruction), so callers may
 * cache `pre` and finish with `gruStep`: the same operations, the same bits.
 */
export function gruInputPart(p: Float64Array, s: GruShape, x: Float64Array, pre: Float64Array): void {
  const rows = 3 * s.hidden;
  const cols = s.input + s.hidden;
  affineRows(p, s.off, cols, s.off + rows * cols, x, s.input, pre, rows);
}

/**
 * Finishes a step from `pre` (gruInputPart): adds the hidden half of each
 * pre-activation in gruForward's order, writes the gates into z, r, n and h'
 * into `out`. `out` may not alias `h`.
 */
export function gruStep(p: Float64Array, s: GruShape, pre: Float64Array, h: Float64Array, out: Float64Array, z: Float64Array, r: Float64Array, n: Float64Array): void {
  const I = s.input;
  const H = s.hidden;
  const cols = I + H;
  let j = 0;
  // Rows z_j, r_j, z_j+1, r_j+1 together: four independent sums, each in input order.
  for (; j + 2 <= H; j += 2) {
    const rz0 = s.off + j * cols + I;
    const rz1 = rz0 + cols;
    const rr0 = s.off + (H + j) * cols + I;
    const rr1 = rr0 + cols;
    let az0 = pre[j] as number;
    let az1 = pre[j + 1] as number;
    let ar0 = pre[H + j] as number;
    let ar1 = pre[H + j + 1] as number;
    for (let i = 0; i < H; i++) {
      const hi = h[i] as number;
      az0 += (p[rz0 + i] as number) * hi;
      ar0 += (p[rr0 + i] as number) * hi;
      az1 += (p[rz1 + i] as number) * hi;
      ar1 += (p[rr1 + i] as number) * hi;
    }
    z[j] = sigmoid(az0);
    r[j] = sigmoid(ar0);
    z[j + 1] = sigmoid(az1);
    r[j + 1] = sigmoid(ar1);
  }
  for (; j < H; j++) {
    const rz = s.off + j * cols + I;
    const rr = s.off + (H + j) * cols + I;
    let az = pre[j] as number;
    let ar = pre[H + j] as number;
    for (let i = 0; i < H; i++) {
      const hi = h[i] as number;
      az += (p[rz + i] as number) * hi;
      ar += (p[rr + i] as number) * hi;
    }
    z[j] = sigmoid(az);
    r[j] = sigmoid(ar);
  }
  j = 0;
  for (; j + 4 <= H; j += 4) {
    const rn0 = s.off + (2 * H + j) * cols + I;
    const rn1 = rn0 + cols;
    const rn2 = rn1 + cols;
    const rn3 = rn2 + cols;
    let a0 = pre[2 * H + j] as number;
    let a1 = pre[2 * H + j + 1] as number;
    let a2 = pre[2 * H + j + 2] as number;
    let a3 = pre[2 * H + j + 3] as number;
    for (let i = 0; i < H; i++) {
      const ri = r[i] as number;
      const hi = h[i] as number;
      // (w * r) * h, as gruForward always multiplied
      a0 += (p[rn0 + i] as number) * ri * hi;
      a1 += (p[rn1 + i] as number) * ri * hi;
      a2 += (p[rn2 + i] as number) * ri * hi;
      a3 += (p[rn3 + i] as number) * ri * hi;
    }
    finish(j, a0, z, n, h, out);
    finish(j + 1, a1, z, n, h, out);
    finish(j + 2, a2, z, n, h, out);
    finish(j + 3, a3, z, n, h, out);
  }
  for (; j < H; j++) {
    const rn = s.off + (2 * H + j) * cols + I;
    let an = pre[2 * H + j] as number;
    for (let i = 0; i < H; i++) an += (p[rn + i] as number) * (r[i] as number) * (h[i] as number);
    finish(j, an, z, n, h, out);
  }
}

function finish(j: number, an: number, z: Float64Array, n: Float64Array, h: Float64Array, out: Float64Array): void {
  const nj = Math.tanh(an);
  n[j] = nj;
  const zj = z[j] as number;
  out[j] = (1 - zj) * nj + zj * (h[j] as number);
}

/** h' from x and h; fills `trace` (x and h are copied in). `out` may not alias `h`. `pre`: 3H scratch. */
export function gruForward(p: Float64Array, s: GruShape, x: Float64Array, h: Float64Array, out: Float64Array, trace: GruTrace, pre: Float64Array = new Float64Array(3 * s.hidden)): void {
  trace.x.set(x);
  trace.h.set(h);
  gruInputPart(p, s, x, pre);
  gruStep(p, s, pre, h, out, trace.z, trace.r, trace.n);
}

/** Scratch for the backward pass (per shape). */
export class GruGradScratch {
  readonly az: Float64Array;
  readonly ar: Float64Array;
  readonly an: Float64Array;
  readonly drh: Float64Array;
  /** Rows of the n gate with a non-zero gradient. */
  readonly live: Int32Array;
  constructor(hidden: number) {
    this.live = new Int32Array(hidden);
    this.az = new Float64Array(hidden);
    this.ar = new Float64Array(hidden);
    this.an = new Float64Array(hidden);
    this.drh = new Float64Array(hidden);
  }
}

/**
 * Given dL/dh' (`dOut`), adds the parameter gradient into `g`, and writes
 * dL/dx into `dx` and dL/dh into `dh` (both overwritten).
 */
export function gruBackward(p: Float64Array, g: Float64Array, s: GruShape, t: GruTrace, dOut: Float64Array, dx: Float64Array, dh: Float64Array, sc: GruGradScratch): void {
  const I = s.input;
  const H = s.hidden;
  const cols = I + H;
  const bOff = s.off + 3 * H * cols;
  const { x, h, z, r, n } = t;
  const { az, ar, an, drh } = sc;
  dx.fill(0);
  for (let j = 0; j < H; j++) {
    const d = dOut[j] as number;
    const zj = z[j] as number;
    const nj = n[j] as number;
    dh[j] = d * zj;
    an[j] = d * (1 - zj) * (1 - nj * nj);
    az[j] = d * ((h[j] as number) - nj) * zj * (1 - zj);
  }
  // n row: input [x; r * h]. Rows with a zero gradient are skipped; the others
  // go two at a time, each dx[i] and drh[i] still summed in row order.
  drh.fill(0);
  const live = sc.live;
  let nLive = 0;
  for (let j = 0; j < H; j++) if ((an[j] as number) !== 0) live[nLive++] = j;
  let k = 0;
  for (; k + 2 <= nLive; k += 2) {
    const j = live[k] as number;
    const j1 = live[k + 1] as number;
    const a = an[j] as number;
    const b = an[j1] as number;
    const rn = s.off + (2 * H + j) * cols;
    const rn1 = s.off + (2 * H + j1) * cols;
    g[bOff + 2 * H + j] = (g[bOff + 2 * H + j] as number) + a;
    g[bOff + 2 * H + j1] = (g[bOff + 2 * H + j1] as number) + b;
    for (let i = 0; i < I; i++) {
      const xi = x[i] as number;
      g[rn + i] = (g[rn + i] as number) + a * xi;
      g[rn1 + i] = (g[rn1 + i] as number) + b * xi;
      dx[i] = (dx[i] as number) + a * (p[rn + i] as number) + b * (p[rn1 + i] as number);
    }
    for (let i = 0; i < H; i++) {
      const ri = r[i] as number;
      const hi = h[i] as number;
      g[rn + I + i] = (g[rn + I + i] as number) + a * ri * hi;
      g[rn1 + I + i] = (g[rn1 + I + i] as number) + b * ri * hi;
      drh[i] = (drh[i] as number) + a * (p[rn + I + i] as number) + b * (p[rn1 + I + i] as number);
    }
  }
  for (; k < nLive; k++) {
    const j = live[k] as number;
    const a = an[j] as number;
    const rn = s.off + (2 * H + j) * cols;
    g[bOff + 2 * H + j] = (g[bOff + 2 * H + j] as number) + a;
    for (let i = 0; i < I; i++) {
      g[rn + i] = (g[rn + i] as number) + a * (x[i] as number);
      dx[i] = (dx[i] as number) + a * (p[rn + i] as number);
    }
    for (let i = 0; i < H; i++) {
      g[rn + I + i] = (g[rn + I + i] as number) + a * (r[i] as number) * (h[i] as number);
      drh[i] = (drh[i] as number) + a * (p[rn + I + i] as number);
    }
  }
  for (let i = 0; i < H; i++) {
    const ri = r[i] as number;
    dh[i] = (dh[i] as number) + (drh[i] as number) * ri;
    ar[i] = (drh[i] as number) * (h[i] as number) * ri * (1 - ri);
  }
  // z and r rows: input [x; h]. Rows j and j + 1 together: every dx[i] and dh[i]
  // still receives row j's terms before row j + 1's, so the sums are unchanged.
  let j0 = 0;
  for (; j0 + 2 <= H; j0 += 2) {
    const a1 = az[j0] as number;
    const a2 = ar[j0] as number;
    const b1 = az[j0 + 1] as number;
    const b2 = ar[j0 + 1] as number;
    const rz = s.off + j0 * cols;
    const rr = s.off + (H + j0) * cols;
    const rz1 = rz + cols;
    const rr1 = rr + cols;
    g[bOff + j0] = (g[bOff + j0] as number) + a1;
    g[bOff + H + j0] = (g[bOff + H + j0] as number) + a2;
    g[bOff + j0 + 1] = (g[bOff + j0 + 1] as number) + b1;
    g[bOff + H + j0 + 1] = (g[bOff + H + j0 + 1] as number) + b2;
    for (let i = 0; i < I; i++) {
      const xi = x[i] as number;
      g[rz + i] = (g[rz + i] as number) + a1 * xi;
      g[rr + i] = (g[rr + i] as number) + a2 * xi;
      g[rz1 + i] = (g[rz1 + i] as number) + b1 * xi;
      g[rr1 + i] = (g[rr1 + i] as number) + b2 * xi;
      dx[i] = (dx[i] as number) + a1 * (p[rz + i] as number) + a2 * (p[rr + i] as number) + b1 * (p[rz1 + i] as number) + b2 * (p[rr1 + i] as number);
    }
    for (let i = 0; i < H; i++) {
      const hi = h[i] as number;
      g[rz + I + i] = (g[rz + I + i] as number) + a1 * hi;
      g[rr + I + i] = (g[rr + I + i] as number) + a2 * hi;
      g[rz1 + I + i] = (g[rz1 + I + i] as number) + b1 * hi;
      g[rr1 + I + i] = (g[rr1 + I + i] as number) + b2 * hi;
      dh[i] = (dh[i] as number) + a1 * (p[rz + I + i] as number) + a2 * (p[rr + I + i] as number) + b1 * (p[rz1 + I + i] as number) + b2 * (p[rr1 + I + i] as number);
    }
  }
  for (let j = j0; j < H; j++) {
    const a1 = az[j] as number;
    const a2 = ar[j] as number;
    const rz = s.off + j * cols;
    const rr = s.off + (H + j) * cols;
    g[bOff + j] = (g[bOff + j] as number) + a1;
    g[bOff + H + j] = (g[bOff + H + j] as number) + a2;
    for (let i = 0; i < I; i++) {
      const xi = x[i] as number;
      g[rz + i] = (g[rz + i] as number) + a1 * xi;
      g[rr + i] = (g[rr + i] as number) + a2 * xi;
      dx[i] = (dx[i] as number) + a1 * (p[rz + i] as number) + a2 * (p[rr + i] as number);
    }
    for (let i = 0; i < H; i++) {
      const hi = h[i] as number;
      g[rz + I + i] = (g[rz + I + i] as number) + a1 * hi;
      g[rr + I + i] = (g[rr + I + i] as number) + a2 * hi;
      dh[i] = (dh[i] as number) + a1 * (p[rz + I + i] as number) + a2 * (p[rr + I + i] as number);
    }
  }
}

/** y = W x for W (rows x cols, row-major at `off`). */
export function linear(p: Float64Array, off: number, rows: number, cols: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < rows; j++) {
    let a = 0;
    const row = off + j * cols;
    for (let i = 0; i < cols; i++) a += (p[row + i] as number) * (x[i] as number);
    y[j] = a;
  }
}

/** Backward of `linear`: g[W] += dy x^T, dx[dxOff..] += W^T dy. */
export function linearBackward(p: Float64Array, g: Float64Array, off: number, rows: number, cols: number, x: Float64Array, dy: Float64Array, dx: Float64Array, dxOff = 0): void {
  for (let j = 0; j < rows; j++) {
    const d = dy[j] as number;
    if (d === 0) continue;
    const row = off + j * cols;
    for (let i = 0; i < cols; i++) {
      g[row + i] = (g[row + i] as number) + d * (x[i] as number);
      dx[dxOff + i] = (dx[dxOff + i] as number) + d * (p[row + i] as number);
    }
  }
}
