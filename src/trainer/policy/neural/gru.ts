/**
 * One GRU cell (Cho et al. 2014) on a flat Float64Array of parameters, with its
 * exact backward pass. Layout at `off`: W (3H x (I + H), rows z, r, n), then b (3H).
 *
 *   z = sigmoid(Wz [x; h] + bz)      r = sigmoid(Wr [x; h] + br)
 *   n = tanh(Wn [x; r * h] + bn)     h' = (1 - z) * n + z * h
 *
 * Plain loops in a fixed order: the same inputs give the same bits.
 */

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

/** h' from x and h; fills `trace` (x and h are copied in). `out` may not alias `h`. */
export function gruForward(p: Float64Array, s: GruShape, x: Float64Array, h: Float64Array, out: Float64Array, trace: GruTrace): void {
  const I = s.input;
  const H = s.hidden;
  const cols = I + H;
  const bOff = s.off + 3 * H * cols;
  trace.x.set(x);
  trace.h.set(h);
  const { z, r, n } = trace;
  for (let j = 0; j < H; j++) {
    let az = p[bOff + j] as number;
    let ar = p[bOff + H + j] as number;
    const rz = s.off + j * cols;
    const rr = s.off + (H + j) * cols;
    for (let i = 0; i < I; i++) {
      const xi = x[i] as number;
      az += (p[rz + i] as number) * xi;
      ar += (p[rr + i] as number) * xi;
    }
    for (let i = 0; i < H; i++) {
      const hi = h[i] as number;
      az += (p[rz + I + i] as number) * hi;
      ar += (p[rr + I + i] as number) * hi;
    }
    z[j] = sigmoid(az);
    r[j] = sigmoid(ar);
  }
  for (let j = 0; j < H; j++) {
    let an = p[bOff + 2 * H + j] as number;
    const rn = s.off + (2 * H + j) * cols;
    for (let i = 0; i < I; i++) an += (p[rn + i] as number) * (x[i] as number);
    for (let i = 0; i < H; i++) an += (p[rn + I + i] as number) * (r[i] as number) * (h[i] as number);
    const nj = Math.tanh(an);
    n[j] = nj;
    const zj = z[j] as number;
    out[j] = (1 - zj) * nj + zj * (h[j] as number);
  }
}

/** Scratch for the backward pass (per shape). */
export class GruGradScratch {
  readonly az: Float64Array;
  readonly ar: Float64Array;
  readonly an: Float64Array;
  readonly drh: Float64Array;
  constructor(hidden: number) {
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
  // n row: input [x; r * h]
  drh.fill(0);
  for (let j = 0; j < H; j++) {
    const a = an[j] as number;
    if (a === 0) continue;
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
  // z and r rows: input [x; h]
  for (let j = 0; j < H; j++) {
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
