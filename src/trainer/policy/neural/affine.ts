/**
 * out[j] = p[bias + j] + sum_i p[weights + j * stride + i] * x[i] for j < rows, i < n:
 * a dense layer's rows, each sum in input order (bias first), so callers that
 * used to loop one row at a time get the same bits.
 */
export function affineRows(p: Float64Array, weights: number, stride: number, bias: number, x: Float64Array, n: number, out: Float64Array, rows: number): void {
  let j = 0;
  // Four rows at a time: independent sums, each still added in input order.
  for (; j + 4 <= rows; j += 4) {
    const r0 = weights + j * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    let a0 = p[bias + j] as number;
    let a1 = p[bias + j + 1] as number;
    let a2 = p[bias + j + 2] as number;
    let a3 = p[bias + j + 3] as number;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      a0 += (p[r0 + i] as number) * xi;
      a1 += (p[r1 + i] as number) * xi;
      a2 += (p[r2 + i] as number) * xi;
      a3 += (p[r3 + i] as number) * xi;
    }
    out[j] = a0;
    out[j + 1] = a1;
    out[j + 2] = a2;
    out[j + 3] = a3;
  }
  for (; j < rows; j++) {
    const r0 = weights + j * stride;
    let a0 = p[bias + j] as number;
    for (let i = 0; i < n; i++) a0 += (p[r0 + i] as number) * (x[i] as number);
    out[j] = a0;
  }
}
