/**
 * <b>Internal</b> network plumbing on DJL (PyTorch engine, CPU, offline): engine set-up
 * ({@link io.sumbin.summaries.nn.Djl}), the multilayer perceptron ({@link io.sumbin.summaries.nn.Mlp}), the
 * seeded training loop with early stopping ({@link io.sumbin.summaries.nn.TrainLoop}), weighted regression
 * and ratio-classifier training tasks, input encodings, the base of saved network models
 * ({@link io.sumbin.summaries.nn.NetworkModel}) and their JSON entries. Public only so that the method
 * packages can share it: not an API, may change without notice; the only package of sumbin whose public
 * signatures carry DJL types. May import the summaries root package, weights, persistence and loss.
 */
package io.sumbin.summaries.nn;
