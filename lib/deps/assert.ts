/**
 * Façade over `node:assert/strict` with the names of `@std/assert`, which lives only on JSR.
 * Tests import assertions from here only.
 * @module
 */
import assert_strict from "node:assert/strict";

/** Assert that `value` is truthy. */
export function assert(value: unknown, msg?: string): asserts value {
  assert_strict.ok(value, msg);
}

/** Deep strict equality. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  assert_strict.deepStrictEqual(actual, expected, msg);
}

/** Deep strict inequality. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  assert_strict.notDeepStrictEqual(actual, expected, msg);
}

/** Strict (`===`/Object.is) equality. */
export function assertStrictEquals<T>(actual: T, expected: T, msg?: string): void {
  assert_strict.strictEqual(actual, expected, msg);
}

/** `|actual - expected| <= tolerance` (default 1e-7, as @std/assert). */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-7,
  msg?: string,
): void {
  if (Object.is(actual, expected)) return;
  const delta = Math.abs(expected - actual);
  if (!(delta <= tolerance)) {
    throw new assert_strict.AssertionError({
      message: msg ??
        `Expected actual: "${actual}" to be close to "${expected}": delta "${delta}" is greater than "${tolerance}"`,
    });
  }
}

/** Assert that `text` contains `expected`. */
export function assertStringIncludes(text: string, expected: string, msg?: string): void {
  if (!text.includes(expected)) {
    throw new assert_strict.AssertionError({
      message: msg ?? `Expected ${JSON.stringify(text)} to contain ${JSON.stringify(expected)}`,
    });
  }
}

/** Assert that `text` matches `re`. */
export function assertMatch(text: string, re: RegExp, msg?: string): void {
  assert_strict.match(text, re, msg);
}

/** Assert that `fn` throws (optionally an instance of `cls` whose message includes `includes`). */
export function assertThrows(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  cls?: new (...args: any[]) => Error,
  includes?: string,
): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return check_thrown(caught, cls, includes);
}

/** Assert that the promise returned by `fn` rejects. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  cls?: new (...args: any[]) => Error,
  includes?: string,
): Promise<Error> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  return check_thrown(caught, cls, includes);
}

function check_thrown(
  caught: unknown,
  // deno-lint-ignore no-explicit-any
  cls?: new (...args: any[]) => Error,
  includes?: string,
): Error {
  if (caught === undefined) {
    throw new assert_strict.AssertionError({ message: "Expected to throw" });
  }
  if (!(caught instanceof Error)) {
    throw new assert_strict.AssertionError({ message: `Thrown value is not an Error: ${caught}` });
  }
  if (cls && !(caught instanceof cls)) {
    const got = caught as Error;
    throw new assert_strict.AssertionError({
      message: `Expected ${cls.name}, got ${got.name}: ${got.message}`,
    });
  }
  if (includes !== undefined && !caught.message.includes(includes)) {
    throw new assert_strict.AssertionError({
      message: `Expected message to include ${JSON.stringify(includes)}, got ${
        JSON.stringify(caught.message)
      }`,
    });
  }
  return caught;
}
