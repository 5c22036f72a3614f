/**
 * Imported networks: a per-event summary from an ONNX file run on ONNX Runtime
 * ({@link io.sumbin.summaries.onnx.OnnxSummary}), saved and loaded like the trained ones. May import the
 * root package, persistence and nn; DJL stays out of its public API.
 */
package io.sumbin.summaries.onnx;
