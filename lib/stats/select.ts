/**
 * In-place selection of the k-th smallest value (Floyd–Rivest style sampling with Hoare
 * partitioning): O(n) on average, used so that a percentile of 10^6 samples costs milliseconds,
 * not the 200+ ms of a full sort.
 * @module
 */

/** Rearrange `a` so that `a[k]` is the k-th smallest (0-based); returns `a[k]`. */
export function select_kth(a: Float64Array, k: number, left = 0, right = a.length - 1): number {
  if (k < left || k > right) throw new RangeError(`Selection index ${k} out of range`);
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a small sample around k to pick pivots that bracket the answer tightly.
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select_kth(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
