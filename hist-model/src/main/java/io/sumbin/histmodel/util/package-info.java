/**
 * Small dense linear algebra the hot paths need without allocation: Cholesky factorisation and
 * solves, symmetric eigen-decomposition. Imports nothing of sumbin (java and Hipparchus only).
 */
package io.sumbin.histmodel.util;
