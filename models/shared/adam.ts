/**
 * Adam over a row-major parameter matrix, updating only the rows a step touched ("lazy" Adam).
 * Embedding tables are large and each batch touches a few thousand rows, so a dense update
 * would cost far more than the forward and backward passes together.
 */
export class RowAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly touched: Uint8Array;
  private readonly list: number[] = [];
  private step = 0;
  readonly grad: Float32Array;

  constructor(
    readonly params: Float32Array,
    readonly cols: number,
    readonly lr: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
    this.grad = new Float32Array(params.length);
    this.touched = new Uint8Array(params.length / cols);
  }

  /** Adds g·scale to a row's gradient. */
  addRow(row: number, g: Float32Array, gOffset: number, scale: number): void {
    if (!this.touched[row]) {
      this.touched[row] = 1;
      this.list.push(row);
    }
    const base = row * this.cols;
    for (let k = 0; k < this.cols; k++) this.grad[base + k]! += g[gOffset + k]! * scale;
  }

  /** Marks every row touched: for small dense matrices. */
  touchAll(): void {
    for (let r = 0; r < this.touched.length; r++) {
      if (!this.touched[r]) {
        this.touched[r] = 1;
        this.list.push(r);
      }
    }
  }

  /** Applies one Adam step to the touched rows and clears their gradients. */
  update(lr = this.lr): void {
    this.step++;
    const c1 = 1 - Math.pow(this.beta1, this.step);
    const c2 = 1 - Math.pow(this.beta2, this.step);
    const { m, v, grad, params, beta1, beta2, eps, cols } = this;
    for (const row of this.list) {
      const base = row * cols;
      for (let k = base; k < base + cols; k++) {
        const g = grad[k]!;
        const mk = (m[k] = beta1 * m[k]! + (1 - beta1) * g);
        const vk = (v[k] = beta2 * v[k]! + (1 - beta2) * g * g);
        params[k]! -= (lr * (mk / c1)) / (Math.sqrt(vk / c2) + eps);
        grad[k] = 0;
      }
      this.touched[row] = 0;
    }
    this.list.length = 0;
  }
}
