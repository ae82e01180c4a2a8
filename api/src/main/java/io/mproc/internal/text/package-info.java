/**
 * Text helpers for the modules that check names users type: {@link Suggestions} picks the valid name nearest to a
 * mistyped one (Levenshtein distance, ignoring case) for a "did you mean" hint, as used by the configuration loader,
 * the job finder and the command line. It lives in {@code api}, the one module all of them depend on. Stateless static
 * methods, safe from any thread. Internal: used by mproc's own modules only; no compatibility promise.
 */
package io.mproc.internal.text;
