package io.sumbin.summaries;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal hand-written protobuf encoder for ONNX (onnx.proto, IR version 8, opset 13), enough to
 * write a two-layer perceptron y = tanh(x W1 + b1) W2 + b2 with input "features" (N, d) and output
 * "summary" (N, m). Test-only: it lets the ONNX import be tested without Python.
 */
final class OnnxWriter {
  private OnnxWriter() {}

  /** Protobuf message builder. */
  static final class Msg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Msg varint(int field, long v) {
      tag(field, 0);
      raw(v);
      return this;
    }

    Msg bytes(int field, byte[] b) {
      tag(field, 2);
      raw(b.length);
      out.writeBytes(b);
      return this;
    }

    Msg string(int field, String s) {
      return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Msg msg(int field, Msg m) {
      return bytes(field, m.toBytes());
    }

    Msg packedFloats(int field, float[] v) {
      ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float f : v) {
        b.putFloat(f);
      }
      return bytes(field, b.array());
    }

    private void tag(int field, int wire) {
      raw(((long) field << 3) | wire);
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  static Msg tensor(String name, long[] dims, float[] data) {
    Msg t = new Msg();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, 1); // FLOAT
    t.packedFloats(4, data);
    t.string(8, name);
    return t;
  }

  static Msg node(String op, String[] in, String out) {
    Msg n = new Msg();
    for (String s : in) {
      n.string(1, s);
    }
    n.string(2, out);
    n.string(3, op + "_" + out);
    n.string(4, op);
    return n;
  }

  static Msg valueInfo(String name, int width) {
    Msg dimN = new Msg().string(2, "N");
    Msg dimW = new Msg().varint(1, width);
    Msg shape = new Msg().msg(1, dimN).msg(1, dimW);
    Msg tensorType = new Msg().varint(1, 1).msg(2, shape);
    Msg type = new Msg().msg(1, tensorType);
    return new Msg().string(1, name).msg(2, type);
  }

  /**
   * The model bytes.
   *
   * @param w1 {@code [d][h]}, b1 {@code [h]}, w2 {@code [h][m]}, b2 {@code [m]}
   */
  static byte[] perceptron(double[][] w1, double[] b1, double[][] w2, double[] b2) {
    int d = w1.length;
    int h = b1.length;
    int m = b2.length;
    Msg g = new Msg();
    g.msg(1, node("MatMul", new String[] {"features", "W1"}, "z1"));
    g.msg(1, node("Add", new String[] {"z1", "B1"}, "a1"));
    g.msg(1, node("Tanh", new String[] {"a1"}, "h1"));
    g.msg(1, node("MatMul", new String[] {"h1", "W2"}, "z2"));
    g.msg(1, node("Add", new String[] {"z2", "B2"}, "summary"));
    g.string(2, "sumbin_test_perceptron");
    g.msg(5, tensor("W1", new long[] {d, h}, flat(w1)));
    g.msg(5, tensor("B1", new long[] {h}, toFloat(b1)));
    g.msg(5, tensor("W2", new long[] {h, m}, flat(w2)));
    g.msg(5, tensor("B2", new long[] {m}, toFloat(b2)));
    g.msg(11, valueInfo("features", d));
    g.msg(12, valueInfo("summary", m));
    Msg model = new Msg();
    model.varint(1, 8);
    model.string(2, "sumbin-test");
    model.msg(7, g);
    model.msg(8, new Msg().string(1, "").varint(2, 13));
    return model.toBytes();
  }

  static float[] flat(double[][] a) {
    float[] f = new float[a.length * a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        f[i * a[0].length + j] = (float) a[i][j];
      }
    }
    return f;
  }

  static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }
}
