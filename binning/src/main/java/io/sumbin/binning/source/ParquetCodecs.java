package io.sumbin.binning.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression without Hadoop: parquet-java's default codec factory instantiates Hadoop
 * codec classes, so sumbin plugs in this one, which calls aircompressor's pure-Java Snappy and Zstandard (no native code, so sumbin.jar can relocate it away from the copy a Spark distribution ships) and java.util.zip
 * directly. Supports UNCOMPRESSED, SNAPPY (pyarrow's and DuckDB's default), ZSTD (polars' default) and
 * GZIP; other codecs fail with a message naming them.
 */
final class ParquetCodecs implements CompressionCodecFactory {
  static final ParquetCodecs INSTANCE = new ParquetCodecs();

  private ParquetCodecs() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return new BytesInputCompressor() {
      @Override
      public BytesInput compress(BytesInput bytes) throws IOException {
        byte[] in = bytes.toInputStream().readAllBytes();
        return BytesInput.from(switch (codec) {
          case UNCOMPRESSED -> in;
          case SNAPPY -> ParquetCodecs.compress(new io.airlift.compress.snappy.SnappyCompressor(), in);
          case ZSTD -> ParquetCodecs.compress(new io.airlift.compress.zstd.ZstdCompressor(), in);
          case GZIP -> gzip(in);
          default -> throw unsupported(codec);
        });
      }

      @Override
      public CompressionCodecName getCodecName() {
        return codec;
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new BytesInputDecompressor() {
      @Override
      public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
        return BytesInput.from(inflate(codec, bytes.toInputStream().readAllBytes(), uncompressedSize));
      }

      @Override
      public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
          throws IOException {
        byte[] in = new byte[compressedSize];
        input.get(in);
        output.put(inflate(codec, in, uncompressedSize));
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public void release() {}

  private static byte[] compress(io.airlift.compress.Compressor c, byte[] in) {
    byte[] out = new byte[c.maxCompressedLength(in.length)];
    int n = c.compress(in, 0, in.length, out, 0, out.length);
    return java.util.Arrays.copyOf(out, n);
  }

  private static byte[] decompress(io.airlift.compress.Decompressor d, byte[] in, int size) throws IOException {
    byte[] out = new byte[size];
    try {
      int n = d.decompress(in, 0, in.length, out, 0, size);
      return n == size ? out : java.util.Arrays.copyOf(out, n);
    } catch (io.airlift.compress.MalformedInputException e) {
      throw new IOException("corrupt compressed page: " + e.getMessage(), e);
    }
  }

  private static byte[] inflate(CompressionCodecName codec, byte[] in, int size) throws IOException {
    byte[] out = switch (codec) {
      case UNCOMPRESSED -> in;
      case SNAPPY -> decompress(new io.airlift.compress.snappy.SnappyDecompressor(), in, size);
      case ZSTD -> decompress(new io.airlift.compress.zstd.ZstdDecompressor(), in, size);
      case GZIP -> {
        try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(in))) {
          yield g.readNBytes(size);
        }
      }
      default -> throw unsupported(codec);
    };
    if (out.length != size) {
      throw new IOException(codec + " page decompressed to " + out.length + " bytes, expected " + size);
    }
    return out;
  }

  private static byte[] gzip(byte[] in) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(in.length / 2 + 64);
    try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
      g.write(in);
    }
    return bos.toByteArray();
  }

  private static IOException unsupported(CompressionCodecName codec) {
    return new IOException("Parquet compression " + codec + " is not supported (supported: UNCOMPRESSED, SNAPPY, ZSTD, GZIP)");
  }
}
