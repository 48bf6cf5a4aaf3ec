import onnxProto from 'onnx-proto';

/**
 * A small builder for ONNX graphs on top of onnx-proto's generated protobuf classes: enough for
 * the feed-forward graphs these models export (initialisers, nodes, typed inputs and outputs).
 * Weights go in as raw little-endian bytes, which is what ONNX Runtime reads fastest.
 */
const { onnx } = onnxProto;

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;

/** Opset 13: Gather, Unsqueeze/ReduceSum with axes as inputs, ReduceL2 with an axes attribute. */
const OPSET = 13;
const IR_VERSION = 7;

type Attr = number | number[] | string;

export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private counter = 0;

  /** A float32 weight tensor. */
  floats(name: string, dims: number[], data: Float32Array): string {
    if (dims.reduce((a, b) => a * b, 1) !== data.length) throw new Error(`${name}: dims ${dims} do not match ${data.length} values`);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: Buffer.from(bytes) }));
    return name;
  }

  /** An int64 constant tensor (axes, shapes). */
  ints(name: string, values: number[]): string {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    this.initializers.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: INT64, rawData: Buffer.from(data.buffer) }));
    return name;
  }

  input(name: string, elemType: number, shape: (number | string)[]): string {
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  output(name: string, elemType: number, shape: (number | string)[]): string {
    this.outputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  /** Adds a node; returns its (single) output name, `out` when given. */
  node(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, out?: string): string {
    const output = out ?? `${opType.toLowerCase()}_${this.counter++}`;
    const attribute = Object.entries(attrs).map(([name, v]) => {
      if (typeof v === 'string') return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: Buffer.from(v) });
      if (Array.isArray(v)) return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
      if (Number.isInteger(v)) return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v });
      return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f: v });
    });
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute }));
    return output;
  }

  /** Serialises the model. `metadata` lands in the model's metadata_props. */
  encode(graphName: string, docString: string, metadata: Record<string, string> = {}): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'odyssey-models',
      producerVersion: '1',
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
      docString,
      metadataProps: Object.entries(metadata).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, elemType: number, shape: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        }),
      }),
    }),
  });
}

/**
 * The embedding bag as ONNX: Gather the rows of `table` for ids [batch, width], weight them by
 * weights [batch, width] and sum over the width. Returns the [batch, dim] output name.
 */
export function embeddingBag(g: GraphBuilder, table: string, ids: string, weights: string): string {
  const rows = g.node('Gather', [table, ids], { axis: 0 });
  const w = g.node('Unsqueeze', [weights, g.ints('axes_2', [2])]);
  const weighted = g.node('Mul', [rows, w]);
  return g.node('ReduceSum', [weighted, g.ints('axes_1', [1])], { keepdims: 0 });
}
