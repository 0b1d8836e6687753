/**
 * The error a promise rejects with, for asserting on it; fails the test when the promise resolves instead.
 * `E` is what the caller expects (a cast: assert the class with `instanceOf` where it matters).
 */
export async function rejectionOf<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the promise to reject, it resolved');
}
