// Names from the scanned code (`constructor`, `__proto__`, `toString`) used as keys of plain objects must not reach
// Object.prototype: a lookup takes only the object's own properties.

/**
 * @template T
 * @param {Record<string, T>} obj
 * @param {string} key
 * @returns {T | undefined}
 */
export function own(obj, key) {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
