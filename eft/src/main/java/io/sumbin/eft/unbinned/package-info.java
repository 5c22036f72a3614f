/**
 * Learned shape systematics for the unbinned likelihood: {@link io.sumbin.eft.unbinned.LearnedShapes}
 * trains the per-process ratios g_Jm(x, ±1) = p_J(x|±1)/p_J(x|0) of the ATLAS NSBI master formula
 * (arXiv:2412.01600) with {@code io.sumbin.summaries.shape} and adds them, with their rate factors
 * G_Jm(±1), to an {@code io.sumbin.histmodel.unbinned.UnbinnedModel.Builder};
 * {@link io.sumbin.eft.unbinned.ShapeSystematicToy} validates the chain on a toy with an analytic
 * shape systematic. May import hist-model, binning and summaries (no DJL types).
 */
package io.sumbin.eft.unbinned;
