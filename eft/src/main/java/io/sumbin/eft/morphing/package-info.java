/**
 * Quadratic morphing: the design of reweighting points, the least-squares solve for the per-event
 * matrix A(x) with its condition check (an under-determined design is refused), and truth templates.
 * May import binning and summaries' weight algebra.
 */
package io.sumbin.eft.morphing;
