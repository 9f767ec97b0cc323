// @ts-check
/*
 * The install steps of a package README, as the adoption test follows them. A step is a
 * fenced code block after an HTML comment that says where it goes, invisible on the
 * rendered page:
 *
 *   <!-- adopt: shell -->                          commands run in the app's root folder
 *   <!-- adopt: packages/backend/src/index.ts -->  statements added to the backend
 *   <!-- adopt: app-config.yaml -->                merged into the app's configuration
 *
 * Marking a block says "an adopter copies exactly this"; examples and alternatives stay
 * unmarked. Anything the test cannot apply fails here, naming the README and the line.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { root } = require('./util');

const TARGETS = ['shell', 'packages/backend/src/index.ts', 'app-config.yaml'];
const MARKER = /^<!--\s*adopt:\s*(.*?)\s*-->\s*$/;

class ReadmeStepError extends Error {}

/**
 * @typedef {{ readme: string, line: number, target: string, code: string }} Step
 *   readme relative to the repository, line of the code block's first line (1-based)
 */

function readReadme(readme) {
  const file = path.join(root, readme);
  if (!fs.existsSync(file))
    throw new ReadmeStepError(
      `${readme} is missing: every published package needs a README with its install steps`,
    );
  return fs.readFileSync(file, 'utf8');
}

/** @returns {Step[]} the marked blocks of one README, in order */
function readSteps(readme, text = readReadme(readme)) {
  const lines = text.split('\n');
  /** @type {Step[]} */
  const steps = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) continue;
    const where = `${readme}:${i + 1}`;
    const target = marker[1];
    if (!TARGETS.includes(target)) {
      throw new ReadmeStepError(
        `${where}: the install step is marked "adopt: ${target}", which the adoption test cannot apply; it applies ${TARGETS.join(
          ', ',
        )}`,
      );
    }
    // Blank lines may sit between (prettier puts one there); anything else may not.
    let open = i + 1;
    while (open < lines.length && !lines[open].trim()) open++;
    const fence = /^(```+|~~~+)/.exec(lines[open] ?? '');
    if (!fence) {
      throw new ReadmeStepError(
        `${where}: an "adopt" marker must be followed by a code block, with nothing but blank lines between`,
      );
    }
    const end = lines.findIndex((l, j) => j > open && l.startsWith(fence[1]));
    if (end < 0)
      throw new ReadmeStepError(
        `${where}: the code block after the marker is never closed`,
      );
    steps.push({
      readme,
      line: open + 2,
      target,
      code: lines.slice(open + 1, end).join('\n'),
    });
    i = end;
  }
  return steps;
}

/**
 * Shell commands of a step, one per logical line (backslash continuations joined), without
 * comments. @returns {{ command: string, line: number }[]}
 */
function shellCommands(step) {
  const commands = [];
  let pending = '';
  let startLine = 0;
  step.code.split('\n').forEach((raw, i) => {
    const text = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!pending && !text) return;
    if (!pending) startLine = step.line + i;
    pending += `${pending ? ' ' : ''}${text.replace(/\\$/, '').trim()}`;
    if (!text.endsWith('\\')) {
      commands.push({ command: pending, line: startLine });
      pending = '';
    }
  });
  if (pending) commands.push({ command: pending, line: startLine });
  return commands;
}

/** Statements of a TypeScript step: each ends with `;`, comments dropped. */
function statements(step) {
  const result = [];
  let pending = '';
  for (const raw of step.code.split('\n')) {
    const text = raw.replace(/^\s*\/\/.*$/, '').trimEnd();
    if (!text.trim() && !pending) continue;
    pending += `${text}\n`;
    if (text.endsWith(';')) {
      result.push(pending.trim());
      pending = '';
    }
  }
  if (pending.trim()) {
    throw new ReadmeStepError(
      `${step.readme}:${step.line}: the code block ends in the middle of a statement (no ";")`,
    );
  }
  return result;
}

/** The parsed YAML of a config step. */
function configOf(step) {
  try {
    const value = YAML.parse(step.code);
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error('not a map of keys');
    return value;
  } catch (error) {
    throw new ReadmeStepError(
      `${step.readme}:${step.line}: the app-config block is not valid YAML: ${error.message}`,
    );
  }
}

module.exports = {
  ReadmeStepError,
  TARGETS,
  configOf,
  readSteps,
  shellCommands,
  statements,
};
