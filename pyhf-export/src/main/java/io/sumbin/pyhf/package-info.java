/**
 * pyhf JSON 1.0.0 on disk: reading and writing workspaces with schema validation (pyhf's schemas
 * bundled), RFC 6902 patches and pyhf patch sets, pyhf's workspace tools (inspect, prune, rename,
 * combine, sort, digest), family manifests and the export of per-point families to pyhf. Input errors
 * are {@link io.sumbin.pyhf.InputException}s naming the file and the JSON path. May import hist-model's
 * {@code spec} and Jackson.
 */
package io.sumbin.pyhf;
